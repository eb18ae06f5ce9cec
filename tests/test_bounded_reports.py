"""The formats that sort or summarise (table, Markdown, SARIF), made from running
totals and records kept on disk (issue 17): the same bytes as the report made
whole by :func:`claimcheck.report.render`, in memory that does not grow with the
records.

Each CLI case runs twice — bounded (:mod:`claimcheck.report.spill`) and with
bounding turned off (the report rendered whole) — and compares.
"""
from __future__ import annotations

import io
import os
import pickle
import tempfile
from pathlib import Path

import pytest

import claimcheck
from claimcheck.report import BOUNDED_FORMATS, render, spill
from claimcheck.report.base import Tally
from claimcheck.report.spill import BoundedReport, Collector, Pickled, Spill, can_bound, pack, unpack

from helpers import check_peak_rss_mb, corpus_slice, drafts_folder, run_cli

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "news.txt"

# our own sentences: a contradicted figure, an unverifiable one, a supported one,
# and an inconsistency between the text's own figures
DRAFT = ("يجتمع في واشنطن ممثلو 78 شريكًا في التحالف الدولي ضد داعش.\n"
         "ومنذ عام 2014 دربت المملكة المتحدة أكثر من 120 ألف عنصر من قوات الأمن عبر عملية شادر.\n"
         "وبلغ عدد الزوار نحو 9 آلاف زائر في اليوم الأول، وقدمت بريطانيا أكثر من 4.3 مليون جنيه "
         "إسترليني للأزمة السورية.\n"
         "ارتفع عدد الطلاب من 200 إلى 300 طالب، أي بنسبة 20%.\n")
# the text formats (the workbook's own tests: tests/test_xlsx_report.py)
FORMATS = sorted(BOUNDED_FORMATS - {"xlsx"})


def _whole(monkeypatch: pytest.MonkeyPatch, args: list[str]) -> tuple[int, str, str]:
    with monkeypatch.context() as m:
        m.setattr(spill, "can_bound", lambda *a, **k: False)
        return run_cli(args)


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    return drafts_folder(tmp_path / "drafts", DRAFT)


def test_the_registry_names_what_spill_writes() -> None:
    assert BOUNDED_FORMATS == spill.BOUNDED == {"table", "markdown", "sarif", "html", "xlsx"}
    assert spill.WRITERS <= spill.BOUNDED


@pytest.mark.parametrize("command", ["check", "extract"])
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_bounded_report_is_the_whole_report(command: str, fmt: str, jobs: str, drafts: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    args = [command, str(drafts), "--format", fmt, "--jobs", jobs, "-q", "--lang", "en"]
    got, want = run_cli(args), _whole(monkeypatch, args)
    assert got == want
    code, out, _ = got
    assert code == (1 if command == "check" else 0)
    assert out.index("a.txt") < out.index("b.txt")
    if fmt == "table" and command == "check":
        # c.txt and d.txt have no claims, yet were read
        assert "in 4 files: contradicted 8, inconsistent 4, unverifiable 20, supported 4" in out


@pytest.mark.parametrize("command", ["check", "extract"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_github_annotations_with_a_step_summary(command: str, jobs: str, drafts: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The annotations and the Markdown summary appended to ``$GITHUB_STEP_SUMMARY``
    come from one bounded run, as both came from the report made whole."""
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    args = [command, str(drafts), "--format", "github", "--jobs", jobs, "-q"]
    got = run_cli(args)
    bounded_summary = summary.read_bytes()
    summary.unlink()
    assert got == _whole(monkeypatch, args)
    assert bounded_summary == summary.read_bytes()
    assert bounded_summary.startswith(b"## claimcheck") and got[1].startswith(
        "::error " if command == "check" else "::notice ")


@pytest.mark.parametrize("fmt", FORMATS)
def test_bounded_report_of_the_examples_and_to_a_file(fmt: str, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """``-o`` gets the bytes ``render`` gives for the same claims (the Python API)."""
    out = tmp_path / f"report.{fmt}"
    examples = sorted((ROOT / "examples").glob("*.txt"))
    code, _, _ = run_cli(["check", *map(str, examples), "--format", fmt, "-o", str(out), "-q"])
    assert code == 1
    texts = {str(path): path.read_text(encoding="utf-8") for path in examples}
    items = [r for path, text in texts.items() for r in claimcheck.check(text, file=path)]
    # (the HTML page shows the texts)
    assert out.read_bytes() == render(items, fmt, checked=True, read=list(texts),
                                      documents=texts if fmt == "html" else None)


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus/news.txt is absent")
@pytest.mark.parametrize("fmt", FORMATS)
def test_bounded_report_of_a_corpus_slice(fmt: str, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Real copy in two files, one of several chunks, on one core and on two."""
    corpus_slice(tmp_path, CORPUS)
    args = ["check", str(tmp_path), "--format", fmt, "-q", "--fail-on", "never"]
    want = _whole(monkeypatch, [*args, "--jobs", "1"])
    assert want[0] == 0 and len(want[1]) > 200_000 and "b.txt" in want[1]
    for jobs in ("1", "2"):
        assert run_cli([*args, "--jobs", jobs]) == want


def test_a_file_unreadable_part_way_is_left_out_whole(drafts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A byte that does not decode far into a big file, after thousands of its
    claims were kept (and pickled): they are dropped, the other files kept, exit 2."""
    bad = drafts / "bb.txt"
    bad.write_bytes((DRAFT * 1500).encode() + b"\xff\n")
    for fmt in FORMATS:
        for jobs in ("1", "2"):
            args = ["check", str(drafts), "--format", fmt, "--encoding", "utf-8", "-q", "--jobs", jobs]
            got, want = run_cli(args), _whole(monkeypatch, args)
            assert got[:2] == want[:2]
            assert got[0] == 2 and "bb.txt" in got[2] and "b.txt" in got[1]
            assert "bb.txt" not in got[1]


@pytest.mark.parametrize("fmt, baseline, ok", [
    ("table", False, True),     # files in name order, each file's findings in report order
    ("github", False, False),   # streamed as it comes (no step summary)
    ("sarif", False, True),
    ("markdown", False, True),
    ("csv", False, True),       # (streamed as it comes when it can)
    ("json", False, True),      # (… as CSV)
    ("jsonl", False, False),    # always written as it comes
    ("table", True, True),      # a baseline's known findings kept marked
    ("csv", True, True),        # its header waits for the known findings
    ("jsonl", True, False),     # written as it comes, marked (can_mark)
])
def test_what_can_be_bounded(fmt: str, baseline: bool, ok: bool) -> None:
    """Whatever the files: drafts (comment-silenced findings), archives (rows in
    their own order) or both, the report made whole keeps the order the run
    gives (report.base.in_run_order: tests/test_bounded_shapes.py)."""
    assert can_bound(fmt, baseline=baseline) is ok
    summary = {"GITHUB_STEP_SUMMARY": "s.md"}
    # GitHub annotations with a step summary: bounded when a table is
    assert can_bound("github", baseline=baseline, environ=summary) is can_bound("table", baseline=baseline)


# ------------------------------------------------------------------ the parts


@pytest.fixture(scope="module")
def checked() -> list:
    return claimcheck.check(DRAFT * 2, file="a.txt")


def test_pack_keeps_every_field(checked: list) -> None:
    claims = [c.claim for c in checked]
    assert unpack(pack(checked)) == checked and unpack(pack(claims)) == claims
    assert any(c.related for c in checked)  # a consistency finding's related claims too
    assert pickle.loads(pickle.dumps(pack(checked))) == pack(checked)


@pytest.mark.parametrize("held", [0, 3, 7])
def test_a_spill_rolls_back_to_a_mark(held: int, monkeypatch: pytest.MonkeyPatch, checked: list) -> None:
    """What was added after a mark is forgotten, whether it is still held or was
    pickled since (with the items held at the mark)."""
    monkeypatch.setattr(spill, "HOLD", 8)
    monkeypatch.setattr(spill, "BATCH", 3)
    items = (checked * 10)[:40]
    s = Spill()
    for it in items[:held]:
        s.add(it)
    mark = s.mark()
    for it in items[held:held + 20]:
        s.add(it)
    s.rollback(mark)
    assert list(s) == items[:held]
    for it in items[held:held + 5]:
        s.add(it)
    assert list(s) == items[:held + 5]
    s.close()


def test_the_collector_takes_a_worker_result_in_any_blocks(checked: list) -> None:
    """A spooled result arrives in blocks that cut batches anywhere; a file that
    does not end is left out, with its running totals."""
    data = Pickled()(checked[:5]) + Pickled()(checked[5:])
    for cut in (1, 7, len(data) // 2, len(data) - 1):
        with BoundedReport("table", checked=True) as report, Collector(report) as collector:
            collector.add("a.txt", data[:cut], False)
            collector.add("a.txt", data[cut:], True)
            collector.add("b.txt", data, False)
            collector.close()
            assert list(report.in_order()) == checked
            assert report.tally().reported == len(checked) and report.tally().files == {"a.txt"}


def test_tally_merge_is_the_tally_of_both(checked: list) -> None:
    one, two, both = Tally(), Tally(), Tally()
    for k, it in enumerate(checked):
        (one if k % 2 else two).add(it)
        both.add(it)
    one.merge(two)
    assert one == both


def test_a_bounded_report_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   checked: list) -> None:
    spool = tmp_path / "tmp"
    spool.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool))
    monkeypatch.setattr(spill, "SPILL_BYTES", 100)
    monkeypatch.setattr(spill, "HOLD", 2)
    with pytest.raises(RuntimeError), BoundedReport("markdown", checked=True) as report:
        for it in checked:
            report.add(it)
        assert not os.listdir(spool)  # unnamed: nothing to clean up after a kill either
        raise RuntimeError
    with BoundedReport("sarif", checked=True) as report:
        report.begin("a.txt")
        for it in checked:
            report.add(it)
        report.end()
        out = io.BytesIO()
        report.write(out)
    assert out.getvalue() == render(checked, "sarif", checked=True)
    assert not os.listdir(spool)


# ------------------------------------------------------------------ memory


@pytest.mark.parametrize("fmt, claims, bound", [
    ("table", 40_000, 62), ("markdown", 40_000, 62), ("sarif", 10_000, 62), ("html", 20_000, 62)])
def test_peak_memory_does_not_hold_the_records(fmt: str, claims: int, bound: int, tmp_path: Path) -> None:
    """``extract`` of «1 » × 40,000: made whole, the table and Markdown took some
    85 MB; bounded, some 44 MB (the code, the tables and a batch of records).
    SARIF made whole took ~620 MB for 40,000 claims, ~180 MB for 10,000; the
    HTML page ~225 MB for 40,000."""
    text = tmp_path / "ones.txt"
    text.write_text("1 " * claims, encoding="utf-8")
    peak = check_peak_rss_mb(text, fmt, "extract")
    assert peak < bound, f"{fmt}: peak {peak:.0f} MB for {claims:,} claims"
