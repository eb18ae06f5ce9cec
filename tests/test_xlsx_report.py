"""The xlsx report made by one writer — openpyxl's write-only mode — whether
the report is whole (:func:`claimcheck.report.render`) or bounded (running
totals and records kept on disk: :mod:`claimcheck.report.spill`), in memory
that does not grow with the records (issue 17).

* the bounded run's bytes are ``render()``'s, for ``extract`` and ``check``, on
  one core and on two, for the examples, a folder of drafts and a slice of the
  news corpus, to a file and to a pipe;
* the sheets are those the earlier writer made (a normal workbook built in
  memory, kept as ``tests/xlsx_oracle.py``), cell for cell: values, types,
  number formats, fills, fonts, links, wrap, widths, panes, filters, direction;
* the workbook's properties, read back from a bounded run;
* a file found unreadable part-way is left out whole;
* peak memory does not hold the records.
"""
from __future__ import annotations

import dataclasses
import io
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

import claimcheck
from claimcheck.report import make_report, render, spill
from claimcheck.report.xlsx import xlsx

from golden.sample import DOCUMENTS, checked, claims
from helpers import check_peak_rss_mb, cli_process, corpus_slice, drafts_folder, run_cli
from xlsx_oracle import whole_xlsx

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "news.txt"
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))

# our own sentences: a contradicted figure, an unverifiable one, a supported one,
# an inconsistency between the text's own figures, a sentence that looks like a
# formula and a figure of more than 15 digits (a spreadsheet would round it)
DRAFT = ("يجتمع في واشنطن ممثلو 78 شريكًا في التحالف الدولي ضد داعش.\n"
         "ومنذ عام 2014 دربت المملكة المتحدة أكثر من 120 ألف عنصر من قوات الأمن.\n"
         "وقدمت بريطانيا أكثر من 4.3 مليون جنيه إسترليني للأزمة السورية.\n"
         "ارتفع عدد الطلاب من 200 إلى 300 طالب، أي بنسبة 20%.\n"
         "=1+1 وبلغ عدد السكان 3 ملايين نسمة.\n"
         "بلغ الدين 2345 تريليون دولار في العام الماضي.\n")


def sheets(data: bytes) -> dict[str, dict[str, Any]]:
    """Everything a person sees in the workbook, sheet by sheet."""
    wb = load_workbook(io.BytesIO(data))
    out = {}
    for ws in wb:
        cells = [(c.coordinate, c.value, c.data_type, c.number_format,
                  c.fill.fill_type, c.fill.fgColor.rgb if c.fill.fill_type else None,
                  c.font.b, c.font.color.rgb if c.font.color is not None else None, c.font.u,
                  c.alignment.wrap_text, c.alignment.vertical,
                  c.hyperlink.target if c.hyperlink is not None else None)
                 for row in ws.iter_rows() for c in row]
        letters = sorted({c[0].rstrip("0123456789") for c in cells})
        out[ws.title] = {
            "rtl": ws.sheet_view.rightToLeft, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,
            "widths": {k: ws.column_dimensions[k].width for k in letters},
            "size": (ws.max_row, ws.max_column), "cells": cells}
    assert list(out) == wb.sheetnames
    # the size a reader in read-only mode (pandas) goes by
    for ws in load_workbook(io.BytesIO(data), read_only=True):
        out[ws.title]["dimension"] = ws.calculate_dimension()
    return out


def _golden_report(kind: str, lang: str = "ar") -> Any:
    items = checked() if kind == "check" else claims()
    return make_report(items[:-1], checked=kind == "check", documents=DOCUMENTS,
                       suppressed=items[-1:], baselined=2, lang=lang)


def _api_report(paths: list[Path], command: str) -> Any:
    texts = {str(p): p.read_text(encoding="utf-8") for p in paths}
    run = claimcheck.check if command == "check" else claimcheck.extract
    items = [r for path, text in texts.items() for r in run(text, file=path)]
    return make_report(items, checked=command == "check", read=list(texts))


# ------------------------------------------------------------------ the sheets of before


@pytest.mark.parametrize("kind", ["check", "extract"])
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_sheets_are_those_of_the_earlier_writer(kind: str, lang: str) -> None:
    """The golden claims: every cell, link, fill, width and view as before, with
    a finding suppressed by a comment (the status column) and two baselined."""
    report = _golden_report(kind, lang)
    new, old = sheets(xlsx(report)), sheets(whole_xlsx(report))
    assert new == old
    claims_sheet = new["الادعاءات" if lang == "ar" else "Claims"]
    assert claims_sheet["size"][0] == len(report.items) + len(report.suppressed) + 1


@pytest.mark.parametrize("command", ["check", "extract"])
def test_the_sheets_of_the_examples_are_those_of_before(command: str) -> None:
    report = _api_report(EXAMPLES, command)
    assert len(report.items) > 10
    assert sheets(xlsx(report)) == sheets(whole_xlsx(report))


def test_the_sheets_of_drafts_with_traps_are_those_of_before(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT + "يجتمع ممثلو 78 شريكًا\x07 منذ سنوات.\n", encoding="utf-8")
    report = _api_report([draft], "check")
    new = sheets(xlsx(report))
    assert new == sheets(whole_xlsx(report))
    values = [c[1] for c in new["الادعاءات"]["cells"]]
    assert any(isinstance(v, str) and v.startswith("=1+1") for v in values)  # a sentence
    assert any(isinstance(v, str) and "\ufffd" in v for v in values)  # BEL shown as U+FFFD


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus/news.txt is absent")
@pytest.mark.parametrize("command", ["check", "extract"])
def test_the_sheets_of_a_corpus_slice_are_those_of_before(command: str, tmp_path: Path) -> None:
    with CORPUS.open(encoding="utf-8") as f:
        lines = [f.readline() for _ in range(40)]
    (tmp_path / "a.txt").write_text("".join(lines[:15]), encoding="utf-8")
    (tmp_path / "b.txt").write_text("".join(lines[15:]), encoding="utf-8")
    report = _api_report([tmp_path / "a.txt", tmp_path / "b.txt"], command)
    assert len(report.items) > 100
    assert sheets(xlsx(report)) == sheets(whole_xlsx(report))


# ------------------------------------------------------------------ bounded == render()


def _whole(monkeypatch: pytest.MonkeyPatch, args: list[str], out: Path) -> tuple[int, bytes]:
    """The CLI with bounding turned off: the report made whole, by render()."""
    with monkeypatch.context() as m:
        m.setattr(spill, "can_bound", lambda *a, **k: False)
        code, _, _ = run_cli([*args, "-o", str(out)])
    return code, out.read_bytes()


@pytest.mark.parametrize("command", ["check", "extract"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_bounded_workbook_is_the_whole_one(command: str, jobs: str, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    drafts = drafts_folder(tmp_path / "drafts", DRAFT)
    args = [command, str(drafts), "--format", "xlsx", "--jobs", jobs, "-q", "--lang", "en"]
    code, _, _ = run_cli([*args, "-o", str(tmp_path / "bounded.xlsx")])
    got = (tmp_path / "bounded.xlsx").read_bytes()
    assert (code, got) == _whole(monkeypatch, args, tmp_path / "whole.xlsx")
    assert code == (1 if command == "check" else 0)
    rows = load_workbook(io.BytesIO(got))["Claims"].iter_rows(min_row=2, values_only=True)
    files = [Path(r[0]).name for r in rows]
    assert files == sorted(files) and {"a.txt", "b.txt"} == set(files)


@pytest.mark.parametrize("command", ["check", "extract"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_bounded_workbook_of_the_examples_is_render(command: str, jobs: str, tmp_path: Path) -> None:
    """``-o`` gets the bytes ``render`` gives for the same claims (the Python API)."""
    out = tmp_path / "report.xlsx"
    code, _, _ = run_cli([command, *map(str, EXAMPLES), "-o", str(out), "-q", "--jobs", jobs])
    assert code == (1 if command == "check" else 0)
    assert out.read_bytes() == render(_api_report(EXAMPLES, command), "xlsx")


def test_a_workbook_on_a_pipe_is_the_one_in_a_file(tmp_path: Path) -> None:
    """A zip written to a stream would carry data descriptors (other bytes):
    on a pipe the workbook is made in a temporary file, then copied."""
    out = tmp_path / "report.xlsx"
    paths = list(map(str, EXAMPLES))
    code, piped, err = cli_process(["check", *paths, "--format", "xlsx", "-q"], cwd=tmp_path)
    assert code == 1 and not err
    assert cli_process(["check", *paths, "-o", str(out), "-q"], cwd=tmp_path)[0] == 1
    assert piped == out.read_bytes() and piped[:2] == b"PK"


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus/news.txt is absent")
@pytest.mark.parametrize("command", ["check", "extract"])
def test_bounded_workbook_of_a_corpus_slice(command: str, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Real copy in two files, one of several chunks, on one core and on two."""
    corpus_slice(tmp_path, CORPUS)
    args = [command, str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--format", "xlsx", "-q",
            *(["--fail-on", "never"] if command == "check" else [])]
    want = _whole(monkeypatch, [*args, "--jobs", "1"], tmp_path / "whole.xlsx")
    assert want[0] == 0
    assert load_workbook(io.BytesIO(want[1])).worksheets[0].max_row > 1000
    for jobs in ("1", "2"):
        out = tmp_path / f"bounded{jobs}.xlsx"
        assert run_cli([*args, "--jobs", jobs, "-o", str(out)])[0] == 0
        assert out.read_bytes() == want[1]


def test_a_file_unreadable_part_way_is_left_out_whole(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A byte that does not decode far into a big file, after thousands of its
    claims were kept (and pickled): they are dropped, the other files kept, exit 2."""
    drafts = drafts_folder(tmp_path / "drafts", DRAFT)
    (drafts / "bb.txt").write_bytes((DRAFT * 800).encode() + b"\xff\n")
    for jobs in ("1", "2"):
        args = ["check", str(drafts), "--format", "xlsx", "--encoding", "utf-8", "-q", "--jobs", jobs]
        code, _, err = run_cli([*args, "-o", str(tmp_path / "bounded.xlsx")])
        got = (tmp_path / "bounded.xlsx").read_bytes()
        assert (code, got) == _whole(monkeypatch, args, tmp_path / "whole.xlsx")
        assert code == 2 and "bb.txt" in err
        files = {Path(r[0]).name for r in load_workbook(io.BytesIO(got)).worksheets[0].iter_rows(
            min_row=2, values_only=True)}
        assert files == {"a.txt", "b.txt"}


# ------------------------------------------------------------------ what the sheet is


@pytest.fixture(scope="module")
def bounded_sheet(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("sheet")
    draft = folder / "draft.txt"
    draft.write_text(DRAFT * 2, encoding="utf-8")
    out = folder / "report.xlsx"
    code, _, _ = run_cli(["check", str(draft), "-o", str(out), "-q", "--jobs", "1"])
    assert code == 1
    return load_workbook(out)


def test_the_bounded_sheet_reads_as_an_editor_needs(bounded_sheet: Any) -> None:
    ws = bounded_sheet["الادعاءات"]
    assert ws.sheet_view.rightToLeft is True and ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    assert all(c.font.b for c in ws[1])
    rows = list(ws.iter_rows(min_row=2))
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}{len(rows) + 1}"
    col = {name: header.index(name) for name in ("الادعاء", "الشرح", "الحكم", "القيمة", "الجملة")}
    by_verdict = {r[col["الحكم"]].value: r[col["الحكم"]].fill.fgColor.rgb[-6:] for r in rows}
    assert by_verdict == {"مخالف للمرجع": "F8D7DA", "تناقض داخلي": "F8D7DA",
                          "تعذّر التحقق": "FFF3CD", "مدعوم بالمرجع": "D1E7DD"}
    assert all(r[col["الشرح"]].alignment.wrap_text for r in rows)
    assert not any(r[col["القيمة"]].alignment.wrap_text for r in rows)
    numbers = [r[col["القيمة"]] for r in rows if isinstance(r[col["القيمة"]].value, int)]
    assert numbers and {c.number_format for c in numbers} == {"#,##0"}
    # 16 digits: text, every digit kept; a sentence that looks like a formula: text
    values = [r[col["القيمة"]].value for r in rows]
    assert "2,345,000,000,000,000" in values and max(v for v in values if isinstance(v, int)) < 10 ** 15
    formula = [r[col["الجملة"]] for r in rows if str(r[col["الجملة"]].value).startswith("=")]
    assert formula and all(c.data_type == "s" for c in formula)
    assert 30 < ws.column_dimensions["E"].width <= 60  # the explanation, fitted, capped
    summary = bounded_sheet["الملخص"]
    counts = {(r[0].value, r[1].value): r for r in summary.iter_rows(min_row=2)}
    assert counts[("الادعاءات", "كل الادعاءات")][2].value == len(rows)
    assert counts[("الحكم", "مخالف للمرجع")][1].fill.fgColor.rgb.endswith("F8D7DA")
    assert {r[2].number_format for r in counts.values()} == {"#,##0"}
    assert summary.freeze_panes == "A2" and summary.sheet_view.rightToLeft is True


def test_only_web_sources_become_links() -> None:
    """A source is a link (blue, underlined) only when it is http(s)."""
    items = checked()
    sources = ["https://example.org/a", "javascript:alert(1)", "file:///etc/passwd", "http://x.org/b"]
    items = [dataclasses.replace(it, reference_source=s) for it, s in zip(items, sources * 2, strict=False)]
    ws = load_workbook(io.BytesIO(render(items, "xlsx", lang="en")))["Claims"]
    header = [c.value for c in ws[1]]
    cells = [r[header.index("Source")] for r in ws.iter_rows(min_row=2)]
    linked = {c.value: (c.hyperlink.target if c.hyperlink else None, c.font.u) for c in cells}
    assert linked["https://example.org/a"] == ("https://example.org/a", "single")
    assert linked["http://x.org/b"] == ("http://x.org/b", "single")
    assert linked["javascript:alert(1)"] == (None, None)
    assert linked["file:///etc/passwd"] == (None, None)


def test_links_stop_at_excels_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Excel holds 65,530 links in a sheet (here 2): past them a source is text."""
    from claimcheck.report import xlsx as module

    monkeypatch.setattr(module, "MAX_LINKS", 2)
    items = [dataclasses.replace(it, reference_source=f"https://example.org/{k}")
             for k, it in enumerate(checked())]
    ws = load_workbook(io.BytesIO(render(items, "xlsx", lang="en")))["Claims"]
    col = [c.value for c in ws[1]].index("Source")
    cells = [r[col] for r in ws.iter_rows(min_row=2)]
    assert [c.value for c in cells] == [f"https://example.org/{k}" for k in range(len(items))]
    assert [c.hyperlink.target for c in cells if c.hyperlink] == ["https://example.org/0",
                                                                    "https://example.org/1"]
    assert [c.font.u for c in cells] == ["single", "single"] + [None] * (len(items) - 2)


def test_the_workbook_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each sheet's rows go to a temporary file as they are written: an unnamed
    one, so that even a run killed while it writes leaves nothing behind
    (openpyxl's own is named, removed only when the sheet is in the zip)."""
    from claimcheck.report import xlsx as module

    spool = tmp_path / "tmp"
    spool.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool))
    seen: list[list[str]] = []
    row_xml = module._row_xml

    def watched(*args: Any) -> Any:  # (each row goes through it)
        seen.append(os.listdir(spool))
        return row_xml(*args)

    monkeypatch.setattr(module, "_row_xml", watched)
    data = render(checked(), "xlsx")
    assert data[:2] == b"PK" and not os.listdir(spool)
    assert len(seen) > len(checked()) and not any(seen)


def test_the_zip_is_the_same_whatever_the_day() -> None:
    import zipfile

    data = xlsx(_golden_report("check"))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert {i.external_attr for i in z.infolist()} == {0o600 << 16}
        assert "xl/worksheets/sheet1.xml" in z.namelist()
    assert data == xlsx(_golden_report("check"))


# ------------------------------------------------------------------ memory


def test_peak_memory_does_not_hold_the_records(tmp_path: Path) -> None:
    """``extract --format xlsx`` of «1 » × 20,000: the workbook built whole took
    some 230 MB (405 MB for 40,000); written row by row from records on disk,
    some 50 MB (the code, the tables, a batch of records)."""
    text = tmp_path / "ones.txt"
    text.write_text("1 " * 20_000, encoding="utf-8")
    peak = check_peak_rss_mb(text, "xlsx", "extract")
    assert peak < 80, f"peak {peak:.0f} MB for 20,000 claims"


# ------------------------------------------------------------------ a row's XML


def _serialized_by_openpyxl(cells: list[Any], row: int) -> tuple[str, list[Any]]:
    """The ``<row>`` openpyxl's own writer gives these cells, and the links it kept."""
    from openpyxl import Workbook
    from openpyxl.worksheet._writer import WorksheetWriter

    from claimcheck.report.xlsx import _placed

    ws = cells[0].parent
    out = io.BytesIO()
    writer = WorksheetWriter(ws, out=out)
    xf = writer.xf.send(True)
    writer.write_row(xf, _placed(cells, row), row)
    writer.xf.send(None)
    writer.xf.close()
    assert isinstance(ws.parent, Workbook)
    text = out.getvalue().decode()
    return text[text.index("<row"):text.index("</row>") + len("</row>")], ws._hyperlinks


@pytest.mark.parametrize("value", [
    "نص", "  يبدأ بمسافتين", "ينتهي بمسافة ", " ", "\t", "a & b < c > d", "سطر\nوسطر", "=1+1", "#N/A",
    "x" * 40_000, "", None, 0, 7, -3, 10 ** 14, 2.5, 1e-7, 1 / 3, 12345678.123, float("inf"),
])
@pytest.mark.parametrize("styled", [False, True])
def test_a_row_is_written_as_openpyxl_writes_it(value: Any, styled: bool) -> None:
    """:func:`claimcheck.report.xlsx._row_xml` (a row written as text) gives the
    bytes openpyxl's element-by-element writer gives the same cells: text
    inline (cut at 32,767 characters, as openpyxl's value setter cuts it and
    :func:`~claimcheck.report.xlsx._put` too; ``xml:space`` when it starts or
    ends with a space), numbers in ``<v>``, empty and unstyled cells left out, styles
    registered in the order written, a link's cell with its reference."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    from claimcheck.report.xlsx import _cell, _put, _row_xml

    rows = []
    for way in ("openpyxl", "text"):
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("s")
        ws._hyperlinks = []
        plain, wrapped = WriteOnlyCell(ws), WriteOnlyCell(ws)
        wrapped.alignment = Alignment(vertical="top", wrap_text=True)
        link = WriteOnlyCell(ws)
        link.font, link.hyperlink = Font(underline="single"), "https://example.org/a?b=1&c=2"
        # values given through openpyxl's own setter, or as _put gives them
        put = _cell if way == "openpyxl" else _put
        cells = [put(wrapped if styled else plain, value), put(WriteOnlyCell(ws), None),
                 put(wrapped, "ثابت"), link]
        link.value = "رابط"
        if way == "openpyxl":
            text, links = _serialized_by_openpyxl(cells, 12)
        else:
            text, links = _row_xml(ws, cells, 12, {}), ws._hyperlinks
        rows.append((text, [h.ref for h in links], list(wb._cell_styles)))
    assert rows[0] == rows[1]
    assert rows[1][1] == ["D12"]


def test_a_row_with_a_cell_of_another_kind_is_left_to_openpyxl() -> None:
    """A formula's cell after a link's: the row is openpyxl's to write, and the
    link is taken once (by openpyxl), not also by the row written as text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from claimcheck.report.xlsx import _row_xml

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("s")
    ws._hyperlinks = []
    link, formula = WriteOnlyCell(ws, "رابط"), WriteOnlyCell(ws, "=1+1")
    link.hyperlink = "https://example.org/"
    assert formula.data_type == "f"
    styles = list(wb._cell_styles)
    assert _row_xml(ws, [link, formula], 3, {}) is None
    assert ws._hyperlinks == [] and list(wb._cell_styles) == styles


def test_a_row_openpyxl_writes_itself_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """When a row is not written as text (a writer without ``_file``, a cell of
    another kind), openpyxl writes it its own way: the same workbook."""
    from claimcheck.report import xlsx as module

    report = _golden_report("check")
    fast = xlsx(report)
    monkeypatch.setattr(module, "_row_xml", lambda *a: None)
    assert xlsx(report) == fast
