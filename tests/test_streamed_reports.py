"""CSV, JSON and GitHub annotations written as the records come (issue 17): the same
bytes as the report made whole, in memory that does not grow with the records.

Each case runs the CLI twice — streamed (:mod:`claimcheck.report.streamed`)
and with streaming turned off (the report rendered whole) — and compares.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from claimcheck.report import streamed
from claimcheck.report.streamed import StreamedReport, can_stream

from helpers import check_peak_rss_mb, drafts_folder, run_cli

ROOT = Path(__file__).resolve().parents[1]

# our own sentences: a contradicted figure, an unverifiable one, a supported one
DRAFT = ("يجتمع في واشنطن ممثلو 78 شريكًا في التحالف الدولي ضد داعش.\n"
         "ومنذ عام 2014 دربت المملكة المتحدة أكثر من 120 ألف عنصر من قوات الأمن عبر عملية شادر.\n"
         "وبلغ عدد الزوار نحو 9 آلاف زائر في اليوم الأول، وقدمت بريطانيا أكثر من 4.3 مليون جنيه "
         "إسترليني للأزمة السورية.\n")


def _whole(monkeypatch: pytest.MonkeyPatch, args: list[str]) -> tuple[int, str, str]:
    with monkeypatch.context() as m:
        m.setattr(streamed, "STREAMED", frozenset())
        return run_cli(args)


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    return drafts_folder(tmp_path / "drafts", DRAFT)


@pytest.mark.parametrize("command", ["check", "extract"])
@pytest.mark.parametrize("fmt", ["csv", "github", "json"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_streamed_report_is_the_whole_report(command: str, fmt: str, jobs: str, drafts: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    args = [command, str(drafts), "--format", fmt, "--jobs", jobs, "-q"]
    got, want = run_cli(args), _whole(monkeypatch, args)
    assert got == want
    code, out, _ = got
    assert code == (1 if command == "check" else 0)
    # the files in name order; the errors before the warnings
    assert out.index("a.txt") < out.index("b.txt")
    if fmt == "github" and command == "check":
        levels = [line.split(" ", 1)[0] for line in out.splitlines()]
        assert levels == sorted(levels, key=["::error", "::warning"].index) and "::error" in levels


def test_streamed_csv_to_a_file_and_an_empty_run(drafts: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """``-o`` gets the same bytes; a run without claims is the header alone."""
    out_a, out_b = tmp_path / "a.csv", tmp_path / "b.csv"
    assert run_cli(["check", str(drafts), "-o", str(out_a), "-q"])[0] == 1
    assert _whole(monkeypatch, ["check", str(drafts), "-o", str(out_b), "-q"])[0] == 1
    assert out_a.read_bytes() == out_b.read_bytes()
    empty = drafts / "c.txt"
    got, want = (run_cli(["check", str(empty), "--format", "csv", "-q"]),
                 _whole(monkeypatch, ["check", str(empty), "--format", "csv", "-q"]))
    assert got == want and got[1].startswith("\ufefffile,line,column") and got[1].count("\n") == 1
    got, want = (run_cli(["check", str(empty), "--format", "json", "-q"]),
                 _whole(monkeypatch, ["check", str(empty), "--format", "json", "-q"]))
    assert got == want and got[1] == "[]\n"


def test_a_file_unreadable_part_way_is_left_out_whole(drafts: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A byte that does not decode far into a big file (after its first chunks
    were checked): the file's rows already rendered are dropped, the others kept,
    exit 2 — as the report made whole does."""
    bad = drafts / "e.txt"
    bad.write_bytes((DRAFT * 1500).encode() + b"\xff\n")
    for fmt in ("csv", "github", "json"):
        args = ["check", str(drafts), "--format", fmt, "--encoding", "utf-8", "-q"]
        got, want = run_cli(args), _whole(monkeypatch, args)
        assert got[:2] == want[:2]
        assert got[0] == 2 and "e.txt" not in got[1] and "b.txt" in got[1]


@pytest.mark.parametrize("fmt, files, baseline, archives, environ, ok", [
    ("csv", ["a.txt", "b.txt"], False, False, {}, True),
    ("github", ["a.txt"], False, False, {}, True),
    ("json", ["a.txt"], False, False, {}, True),
    ("table", ["a.txt"], False, False, {}, False),          # sorted and summarised whole
    ("csv", ["b.txt", "a.txt"], False, False, {}, True),     # the CLI runs them in report order
    ("csv", ["a.md"], False, False, {}, False),              # comment suppressions add a column
    ("json", ["a.md"], False, False, {}, True),              # … a record's field only
    ("github", ["a.md"], False, False, {}, True),            # … and no annotation
    ("csv", ["a.txt"], True, False, {}, False),              # a baseline to compare with
    ("csv", ["a.csv"], False, True, {}, False),              # an archive's doc_id column
    ("json", ["a.csv"], False, True, {}, True),              # … a record's field only
    ("json", ["a.csv", "b.md"], False, True, {}, True),      # silenced findings beside archive rows
    ("csv", ["a.csv", "b.md"], False, True, {}, False),      # … and two columns known at the end
    ("github", ["a.txt"], False, False, {"GITHUB_STEP_SUMMARY": "s.md"}, False),
    ("csv", ["a.txt"], False, False, {"GITHUB_STEP_SUMMARY": "s.md"}, True),
])
def test_what_can_stream(fmt: str, files: list[str], baseline: bool, archives: bool,
                         environ: dict[str, str], ok: bool) -> None:
    assert can_stream(fmt, files, baseline=baseline, archives=archives, environ=environ) is ok


def test_streamed_report_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its temporary files are gone once it is closed, also when the run fails midway."""
    spool = tmp_path / "tmp"
    spool.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool))
    sink = tmp_path / "out"
    with pytest.raises(RuntimeError), sink.open("wb") as out, StreamedReport("github", out, True) as report:
        report.add("a.txt", b"::warning file=a.txt::w\n::error file=a.txt::e\n", True)
        report.add("b.txt", b"::notice file=b.txt::n\n", False)
        assert not os.listdir(spool)  # unnamed: nothing to clean up after a kill either
        raise RuntimeError
    with sink.open("wb") as out, StreamedReport("github", out, True) as report:
        report.add("a.txt", b"::warning file=a.txt::w\n::error file=a.txt::e\n", True)
        report.add("b.txt", b"::notice file=b.txt::n\n", True)
        report.add("c.txt", b"::error file=c.txt::e\n", False)  # c.txt never ends: left out
        report.close()
    assert sink.read_bytes() == (b"::error file=a.txt::e\n::warning file=a.txt::w\n"
                                 b"::notice file=b.txt::n\n")
    assert not os.listdir(spool)
    shutil.rmtree(spool)




def test_cli_check_csv_memory_does_not_grow_with_the_claims(tmp_path: Path) -> None:
    """«1 » × 40,000 against × 8,000 in CSV: held for a whole report, the big
    run's records take ~80 MB more; streamed, a few MB for the text."""
    small, big = tmp_path / "small.txt", tmp_path / "big.txt"
    small.write_text("1 " * 8_000, encoding="utf-8")
    big.write_text("1 " * 40_000, encoding="utf-8")
    grow = check_peak_rss_mb(big, "csv") - check_peak_rss_mb(small, "csv")
    assert grow < 25, f"peak memory grew {grow:.0f} MB for 32,000 more checked claims"
