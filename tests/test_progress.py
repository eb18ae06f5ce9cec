"""The progress bar follows the work: a single large file and an archive of rows
move it piece by piece (a fake terminal on stderr); a pipe, --quiet or a short
single file draw nothing. The copy is written for these tests."""
from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

from claimcheck.run import pool
from claimcheck.run.analyses import Extraction
from claimcheck.run.progress import MIN_BYTES, Progress, Work

from _articles import archive_text


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def drawn(text: str) -> list[str]:
    """The bar's successive states (tqdm redraws with a carriage return)."""
    return [s for s in text.split("\r") if s.strip()]


def done_sizes(text: str) -> list[str]:
    """The "done" figure of each drawn state: "1.50M" of "1.50M/3.20M"."""
    return [m.group(1) for s in drawn(text) for m in [re.search(r"(\S+)/\S+ ·", s)] if m]


@pytest.fixture
def tty(monkeypatch: pytest.MonkeyPatch) -> FakeTty:
    """stderr a terminal (set in the test's body: pytest's capture resets it after fixtures)."""
    stream = FakeTty()
    monkeypatch.setattr("claimcheck.run.progress.INTERVAL", 0.0)
    return stream


def on_stderr(stream: io.StringIO, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stderr", stream)


def test_one_large_file_moves_the_bar_chunk_by_chunk(tmp_path: Path, tty: FakeTty, monkeypatch) -> None:
    on_stderr(tty, monkeypatch)
    big = tmp_path / "big.txt"
    big.write_text(archive_text(900), encoding="utf-8")          # ~0.6 MB, one file
    assert big.stat().st_size > MIN_BYTES
    found = pool.scan([str(big)], Extraction(), jobs=1, chunk_chars=40_000)
    assert found.files == 1 and found.items
    sizes = done_sizes(tty.getvalue())
    assert len(set(sizes)) >= 5, tty.getvalue()[-500:]           # it moved before the file ended
    assert "1/1 files" in tty.getvalue() and "claims/s" in tty.getvalue()
    assert tty.getvalue().endswith("\r")                         # cleared before the report


def test_an_archive_moves_the_bar_batch_by_batch(tmp_path: Path, tty: FakeTty, monkeypatch) -> None:
    on_stderr(tty, monkeypatch)
    rows = archive_text(1200).splitlines()
    csv = tmp_path / "rows.csv"
    csv.write_text("id,body\n" + "".join(f'{i},"{t}"\n' for i, t in enumerate(rows)), encoding="utf-8")
    found = pool.scan([str(csv)], Extraction(), jobs=1, text_column="body", chunk_chars=30_000)
    assert found.items and {i.doc_id for i in found.items} >= {"1", "1200"}
    assert len(set(done_sizes(tty.getvalue()))) >= 5


def test_nothing_is_drawn_in_a_pipe_with_quiet_or_for_one_short_file(tmp_path, tty, monkeypatch) -> None:
    on_stderr(tty, monkeypatch)
    small = tmp_path / "a.txt"
    small.write_text(archive_text(3), encoding="utf-8")
    pool.scan([str(small)], Extraction(), jobs=1)
    assert tty.getvalue() == ""                                  # one short file: nothing to watch
    big = tmp_path / "big.txt"
    big.write_text(archive_text(900), encoding="utf-8")
    pool.scan([str(big)], Extraction(), jobs=1, quiet=True, chunk_chars=40_000)
    assert tty.getvalue() == ""
    on_stderr(io.StringIO(), monkeypatch)                        # a CI log or a pipe
    pool.scan([str(big), str(small)], Extraction(), jobs=1, chunk_chars=40_000)
    assert sys.stderr.getvalue() == ""


def test_a_windows_1256_file_ends_the_bar_at_its_size_on_disk(tmp_path: Path) -> None:
    """Its text counts twice its bytes in UTF-8: the pieces are capped by the file's
    size, and its last piece completes it — never past, never short."""
    f = tmp_path / "old.txt"
    f.write_bytes(archive_text(50).encode("cp1256", "replace"))
    work = Work([str(f), "-"])
    assert work.total == f.stat().st_size
    pieces = [type("Piece", (), {"text": archive_text(50)[:k]})() for k in (8000, 8000, 100)]
    steps = [work.step(str(f), False) for _ in list(work.feed(pieces))[:2]] + [work.step(str(f), True)]
    assert sum(steps) == work.total and all(s >= 0 for s in steps)
    assert work.step("-", True) == 0                             # stdin: no size, the files count


def test_without_sizes_the_bar_counts_files() -> None:
    stream = FakeTty()
    with Progress(2, None, stream=stream, interval=0) as bar:
        bar.advance(claims=5)
        bar.advance(claims=3)
    assert "2/2 files" in stream.getvalue() and "B/s" not in stream.getvalue()


class TtyBytesOut(io.TextIOWrapper):
    """stdout a terminal, with the byte buffer streamed reports write to."""
    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8")

    def isatty(self) -> bool:
        return True


def _cli(args: list[str]) -> int:
    from claimcheck import cli

    with pytest.raises(SystemExit) as done:
        cli.main(args)
    return done.value.code


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("fmt", ["table", "sarif", "jsonl", "csv"])
def test_a_long_cli_run_draws_the_bar_in_every_report_path(tmp_path: Path, tty: FakeTty, monkeypatch,
                                                            fmt: str, jobs: str) -> None:
    """Table and SARIF runs are made from records kept on disk (report/spill),
    JSON Lines and CSV written as they come: each draws the bar while the work
    runs and clears it, like the whole-report path (a 6 MB file on a terminal
    was silent once table runs stopped going through pool.scan)."""
    on_stderr(tty, monkeypatch)
    big = tmp_path / "big.txt"
    big.write_text(archive_text(900), encoding="utf-8")
    out = tmp_path / f"report.{fmt}"
    assert _cli(["extract", str(big), "--format", fmt, "-o", str(out), "--jobs", jobs]) in (0, 1)
    assert out.stat().st_size > 0
    assert len(set(done_sizes(tty.getvalue()))) >= 3, tty.getvalue()[-300:]
    assert "1/1 files" in tty.getvalue() and tty.getvalue().endswith("\r")


def test_records_written_to_the_terminal_as_they_come_draw_no_bar(tmp_path: Path, tty: FakeTty,
                                                                  monkeypatch) -> None:
    """JSON Lines to a terminal: a bar drawn between its lines would garble both;
    a table to the terminal is written after the bar is cleared, so it has one."""
    on_stderr(tty, monkeypatch)
    big = tmp_path / "big.txt"
    big.write_text(archive_text(900), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", TtyBytesOut())
    assert _cli(["extract", str(big), "--format", "jsonl", "--jobs", "1"]) in (0, 1)
    assert tty.getvalue() == ""
    assert _cli(["extract", str(big), "--jobs", "1"]) in (0, 1)
    assert "1/1 files" in tty.getvalue()
    drawn_so_far = tty.getvalue()
    quiet = ["extract", str(big), "--quiet", "--format", "sarif", "-o", str(tmp_path / "r.sarif")]
    assert _cli(quiet) in (0, 1)
    assert tty.getvalue() == drawn_so_far                        # --quiet: nothing more
