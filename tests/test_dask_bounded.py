"""``--engine dask`` bounded by design (issue 17): the client cuts each archive
into parts that end where a record does (:func:`claimcheck.text.archives.iter_parts`),
a worker reads only its part (:func:`~claimcheck.text.archives.iter_part`) and
renders it where it runs, spooling past a few MB; no pandas on either side.

The parts must give the rows the local engine reads, and the run the bytes of
the report made whole, in every format, ``extract`` and ``check``, on Dask's
local process scheduler and on a cluster; and no process may grow with a cell.
"""
from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path

import pytest

from claimcheck.errors import InputError
from claimcheck.report import spill, streamed
from claimcheck.text.archives import iter_part, iter_parts, iter_rows

from helpers import check_peak_rss_mb, run_bounded, run_cli, run_whole

pytest.importorskip("dask")

# our own sentences: figures a table contradicts, supports or cannot settle
SENTENCES = ["شارك في المؤتمر ممثلو 78 شريكًا من دول التحالف الدولي ضد داعش.",
             "ومنذ عام 2014 دربت المملكة المتحدة أكثر من 120 ألف عنصر من قوات الأمن.",
             "وقدمت بريطانيا أكثر من 4.3 مليون جنيه إسترليني للأزمة السورية في العام الماضي.",
             "ارتفع عدد الطلاب المسجلين من 200 إلى 300 طالب، أي بنسبة 20%.",
             'وقال المتحدث: "بلغت الخسائر نحو 3 مليارات دولار"، وفق البيان.']


def _body(k: int) -> str:
    """Row k's article: a few sentences, some on lines of their own (a quoted
    CSV cell with line breaks), now and then an empty one."""
    if k % 11 == 5:
        return ""
    picked = [SENTENCES[(k + j) % len(SENTENCES)] for j in range(1 + k % 4)]
    return ("\n" if k % 3 == 0 else " ").join(picked)


def _csv(path: Path, rows: int, *, bom: bool = False, crlf: bool = False, blank_every: int = 0) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n" if crlf else "\n")
        w.writerow(["article_id", "body"])
        for k in range(rows):
            if blank_every and k % blank_every == blank_every - 1:
                f.write("\r\n" if crlf else "\n")  # a blank line: no row, no document
            w.writerow([f"n{(7 * k) % rows}", _body(k)])
    return path


def _jsonl(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        for k in range(rows):
            if k % 9 == 4:
                f.write("   \n")
            end = "\r\n" if k % 2 else "\n"
            f.write(json.dumps({"article_id": f"j{k}", "body": _body(k)}, ensure_ascii=k % 3 == 0) + end)
    return path


def _parquet(path: Path, rows: int, group: int = 7) -> Path:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    bodies = [_body(k) if k % 5 else None for k in range(rows)]
    pq.write_table(pa.table({"article_id": [f"p{k}" for k in range(rows)], "body": bodies}), path,
                   row_group_size=group)
    return path


ARCHIVES = {
    "csv": lambda tmp: _csv(tmp / "a.csv", 60, blank_every=13),
    "csv with a BOM, CRLF": lambda tmp: _csv(tmp / "a.csv", 60, bom=True, crlf=True, blank_every=7),
    "tsv": lambda tmp: _tsv(tmp / "a.tsv", 40),
    "jsonl": lambda tmp: _jsonl(tmp / "a.jsonl", 60),
    "parquet": lambda tmp: _parquet(tmp / "a.parquet", 60),
}


def _tsv(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t")
        w.writerow(["body", "article_id"])
        w.writerows([_body(k), f"t{k}"] for k in range(rows))
    return path


@pytest.mark.parametrize("shape", list(ARCHIVES))
@pytest.mark.parametrize("id_column", [None, "article_id"])
def test_the_parts_give_the_rows_of_the_archive(shape: str, id_column: str | None, tmp_path: Path) -> None:
    """Cut anywhere from one record a part to the whole file in one, the parts'
    rows are the archive's rows, ids and row numbers alike; the parts follow
    each other byte for byte."""
    path = ARCHIVES[shape](tmp_path)
    whole = list(iter_rows(str(path), "body", id_column))
    assert len(whole) >= 40 and any("\n" in text for _, text in whole)
    for part_bytes in (1, 300, 2_000, 1 << 20):
        parts = list(iter_parts(str(path), "body", id_column, part_bytes))
        assert [r for p in parts for r in iter_part(p, "body", id_column)] == whole, part_bytes
        if shape != "parquet":
            assert all(a.start + a.size == b.start for a, b in zip(parts, parts[1:], strict=False))
            assert parts[-1].start + parts[-1].size == path.stat().st_size
        if part_bytes == 1:  # a part a record, blank lines too; a row group of Parquet
            assert len(parts) == (-(-60 // 7) if shape == "parquet" else sum(p.records for p in parts))
    # a quoted cell with line breaks stays whole in its part
    if shape.startswith("csv"):
        parts = list(iter_parts(str(path), "body", id_column, 1))
        assert any("\n" in text for p in parts for _, text in iter_part(p, "body", id_column))


def test_a_part_reports_a_bad_row_by_its_number(tmp_path: Path) -> None:
    """A ragged row is found when the client reads the archive through, with
    the row number the local engine gives; a part read on its own numbers its
    rows from where it starts."""
    path = _csv(tmp_path / "a.csv", 30)
    clean = list(iter_parts(str(path), "body", None, 100))
    with path.open("a", encoding="utf-8") as f:
        f.write("n99,نص,زائد\n")
    rows = sum(1 for _ in csv.reader(path.open(encoding="utf-8", newline="")))
    with pytest.raises(InputError, match=f"row {rows}: 3 cells") as whole:
        list(iter_rows(str(path), "body"))
    with pytest.raises(InputError) as cut:
        list(iter_parts(str(path), "body", None, 100))
    assert str(cut.value) == str(whole.value) and cut.value.path == str(path)
    # the last part read on its own, one record longer: the row numbered as in the whole file
    longer = dataclasses.replace(clean[-1], records=clean[-1].records + 1)
    assert len(list(iter_part(clean[-1], "body"))) == clean[-1].records
    with pytest.raises(InputError, match=f"row {rows}: 3 cells"):
        list(iter_part(longer, "body"))


# ------------------------------------------------------------------ the CLI on Dask


def _whole(monkeypatch: pytest.MonkeyPatch, args: list[str]) -> tuple[int, str, str]:
    """The CLI with neither a bounded nor a streamed report: made whole."""
    with monkeypatch.context() as m:
        m.setattr(spill, "can_bound", lambda *a, **k: False)
        m.setattr(streamed, "STREAMED", frozenset())
        return run_cli(args)


def _archives(tmp_path: Path) -> list[str]:
    return [str(_csv(tmp_path / "b.csv", 40, blank_every=9)), str(_jsonl(tmp_path / "c.jsonl", 25))]


FORMATS = ["table", "markdown", "sarif", "html", "csv", "json", "github", "jsonl"]


@pytest.mark.parametrize("command, fmt", [*(("check", f) for f in FORMATS),
                                          *(("extract", f) for f in ("table", "csv", "jsonl"))])
def test_the_local_scheduler_gives_the_whole_report(command: str, fmt: str, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Dask's local process scheduler over parts of a few hundred bytes, the
    workers spooling past 2 KB: the bytes of the report made whole and of the
    local engine."""
    from claimcheck.run import dask_engine, stream

    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.setattr(dask_engine, "PARTITION_BYTES", 700)
    monkeypatch.setattr(stream, "SPOOL_BYTES", 2_000)  # (the forked workers inherit it)
    args = [command, *_archives(tmp_path), "--text-column", "body", "--format", fmt, "-q", "--jobs", "2"]
    local = run_cli(args)
    on_dask = run_cli([*args, "--engine", "dask"])
    assert on_dask == local and on_dask[0] == (1 if command == "check" else 0)
    if fmt != "jsonl":
        assert _whole(monkeypatch, [*args, "--engine", "dask"]) == on_dask
    if fmt == "jsonl":  # rows numbered across parts, blank rows skipped
        ids = [json.loads(line)["doc_id"] for line in on_dask[1].splitlines() if "b.csv" in line]
        assert ids[0] == "1" and "40" in ids and "6" not in ids  # (row 6 is empty)


@pytest.fixture(scope="module")
def cluster():
    """A scheduler and two workers on loopback, threads of this process (as tests/test_dask.py)."""
    distributed = pytest.importorskip("distributed")
    local = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                     protocol="tcp", host="127.0.0.1", dashboard_address=None)
    yield local.scheduler.address
    local.close()


@pytest.mark.parametrize("fmt", ["table", "csv", "jsonl"])
def test_a_cluster_worker_s_spooled_pieces_are_fetched_from_it(fmt: str, cluster: str, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """On a cluster a worker's spooled pieces are read by tasks on that worker,
    a block at a time, and the file removed: the report is the local engine's."""
    import tempfile

    from claimcheck.run import dask_engine, stream

    monkeypatch.setattr(dask_engine, "PARTITION_BYTES", 5_000)
    monkeypatch.setattr(dask_engine, "FETCH_BYTES", 1_000)
    monkeypatch.setattr(stream, "SPOOL_BYTES", 2_000)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "spools"))  # (the workers are threads here)
    (tmp_path / "spools").mkdir()
    path = _parquet(tmp_path / "a.parquet", 50)
    args = ["check", str(path), "--text-column", "body", "--id-column", "article_id", "--format", fmt, "-q"]
    local = run_cli(args)
    blocks = []
    fetched = dask_engine._Cluster._fetched

    def counted(self, *args):
        for piece in fetched(self, *args):
            blocks.append(len(piece[0]))
            yield piece

    monkeypatch.setattr(dask_engine._Cluster, "_fetched", counted)
    assert run_cli([*args, "--engine", "dask", "--scheduler", cluster]) == local
    assert len(blocks) > 3 and max(blocks) == 1_000 and not list((tmp_path / "spools").iterdir())


def test_an_unreadable_archive_is_an_error_and_the_others_are_reported(tmp_path: Path) -> None:
    """A ragged row: one ``error:`` line naming the file and row, exit 2; the
    other archive's findings are still written."""
    good = _jsonl(tmp_path / "a.jsonl", 10)
    bad = _csv(tmp_path / "b.csv", 10)
    with bad.open("a", encoding="utf-8") as f:
        f.write("x,y,z\n")
    code, out, err = run_cli(["extract", str(good), str(bad), "--text-column", "body", "--format", "jsonl",
                              "--engine", "dask", "--jobs", "1"])
    assert code == 2 and err.count("error:") == 1 and "b.csv" in err and "row 12" in err
    assert out and all(json.loads(line)["file"] == str(good) for line in out.splitlines())


def test_no_process_grows_with_an_archive_cell(tmp_path: Path) -> None:
    """«1 » × 40,000 as one cell of a CSV archive, on Dask: the cell was read by
    pandas and its partition's rendered claims gathered whole (207 MB in
    the largest process); now each process stays near the local engine's."""
    path = tmp_path / "cell.csv"
    path.write_text("body\n" + "1 " * 40_000 + "\n", encoding="utf-8")
    peak = check_peak_rss_mb(path, "table", "extract", "--text-column", "body", "--engine", "dask")
    assert peak < 110, f"peak {peak:.0f} MB"


# ------------------------------------------------------------------ with a baseline


def _yesterday(tmp_path: Path) -> list[str]:
    """Yesterday's archives (where today's will be): their first rows, fewer of them."""
    return [str(_csv(tmp_path / "b.csv", 25, blank_every=9)), str(_jsonl(tmp_path / "c.jsonl", 12))]




@pytest.mark.parametrize("command, fmt", [*(("check", f) for f in [*FORMATS, "xlsx"]),
                                          *(("extract", f) for f in ("table", "csv", "jsonl", "sarif"))])
def test_a_baseline_run_on_dask_is_the_whole_one(command: str, fmt: str, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """``--baseline`` of yesterday's archives and ``--write-baseline`` of today's
    on Dask (parts of a few hundred bytes): the known findings marked as they
    pass, in the rows' order, and the baseline's entries sorted on disk — the
    report, the baseline written and the exit code of the run made whole
    (``render``, ``dump``), which it never goes through."""
    from claimcheck.run import dask_engine

    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.setattr(dask_engine, "PARTITION_BYTES", 700)
    old = tmp_path / "old.json"
    dask = ["--text-column", "body", "--engine", "dask", "--jobs", "2", "-q", "--lang", "en"]
    assert run_cli([command, *_yesterday(tmp_path), *dask, "--write-baseline", str(old)])[0] == 0
    args = [command, *_archives(tmp_path), *dask, "--format", fmt, "--baseline", str(old)]
    for write in (False, True):
        got = []
        for name, run in (("bounded", run_bounded), ("whole", run_whole)):
            out, new = tmp_path / f"{name}.{fmt}", tmp_path / f"{name}.json"
            extra = ["-o", str(out)] if fmt == "xlsx" else []
            extra += ["--write-baseline", str(new)] if write else []
            code, text, err = run(monkeypatch, [*args, *extra])
            got.append((code, out.read_bytes() if fmt == "xlsx" else text, err.replace(str(new), "B"),
                        new.read_bytes() if write else None))
        assert got[0] == got[1], f"{' '.join(args)}: on Dask the report differs from the whole one"
        code, report = got[0][:2]
        assert code == (0 if write or command == "extract" else 1)
        if fmt == "table":
            assert "known from the baseline: " in report.splitlines()[-1]
        if fmt == "jsonl":  # yesterday's rows are known, today's new ones are not
            marks = [json.loads(line).get("suppressed") for line in report.splitlines()]
            assert "baseline" in marks and None in marks


def test_a_baseline_run_on_dask_grows_with_no_cell(tmp_path: Path) -> None:
    """«1 » × 40,000 as one archive cell, ``--write-baseline`` on Dask: the
    findings were gathered whole for the baseline (303 MB in the largest
    process with pandas, 201 MB with the parts read by the workers); now
    they pass through the bounded path as the local pool's (some 88 MB)."""
    path = tmp_path / "cell.csv"
    path.write_text("body\n" + "1 " * 40_000 + "\n", encoding="utf-8")
    peak = check_peak_rss_mb(path, "jsonl", "extract", "--text-column", "body", "--engine", "dask",
                             "--write-baseline", str(tmp_path / "b.json"))
    assert peak < 110, f"peak {peak:.0f} MB"
