"""Archives: CSV, JSON Lines and Parquet rows as documents, with their ids."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from claimcheck.errors import InputError
from claimcheck.extraction.engine import extract
from claimcheck.text.archives import archive_format, iter_rows

from helpers import run_cli

ROWS = [
    ("n-17", "دربت المملكة المتحدة أكثر من 120 ألف فرد منذ عام 2014."),
    ("n-18", ""),  # an empty article has no claims
    ("n-19", "وارتفعت الصادرات 15 في المائة\nلتصل إلى 3.5 مليار دولار."),  # a line break inside the cell
    ("n-20", "نحو 9 أشهر"),
]


def _write_csv(path: Path, bom: bool = True) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "section", "body"])
        for doc, text in ROWS:
            w.writerow([doc, "اقتصاد", text])
    return path


def _write_jsonl(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for doc, text in ROWS:
            fh.write(json.dumps({"id": doc, "body": text}, ensure_ascii=False) + "\n")
    return path


def _write_parquet(path: Path) -> Path:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    table = pa.table({"id": [d for d, _ in ROWS], "body": [t for _, t in ROWS]})
    pq.write_table(table, path, row_group_size=2)
    return path


WRITERS = {"csv": _write_csv, "jsonl": _write_jsonl, "parquet": _write_parquet}


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_rows_in_file_order(tmp_path: Path, fmt: str) -> None:
    path = WRITERS[fmt](tmp_path / f"archive.{fmt}")
    assert archive_format(str(path)) == fmt
    assert list(iter_rows(str(path), "body", "id")) == ROWS
    assert [d for d, _ in iter_rows(str(path), "body")] == ["1", "2", "3", "4"]


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_extract_writes_doc_ids_in_row_order(tmp_path: Path, fmt: str) -> None:
    path = WRITERS[fmt](tmp_path / f"archive.{fmt}")
    code, out, err = run_cli(["extract", str(path), "--text-column", "body", "--id-column", "id",
                           "--format", "jsonl"])
    assert code == 0, err
    recs = [json.loads(line) for line in out.splitlines()]
    expected = [(doc, c.start, c.text) for doc, text in ROWS for c in extract(text)]
    assert [(r["doc_id"], r["start"], r["text"]) for r in recs] == expected
    assert {r["file"] for r in recs} == {str(path)}
    third = [r for r in recs if r["doc_id"] == "n-19"]
    assert third[-1]["line"] == 2  # lines and offsets are those of the row's own text


def test_check_reads_archives_too(tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "archive.csv")
    code, out, err = run_cli(["check", str(path), "--text-column", "body", "--id-column", "id",
                           "--format", "jsonl", "--fail-on", "never", "--jobs", "2"])
    assert code == 0, err
    recs = [json.loads(line) for line in out.splitlines()]
    assert recs and all("verdict" in r and r["doc_id"].startswith("n-") for r in recs)


def test_csv_export_has_a_doc_id_column(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "archive.jsonl")
    code, out, _ = run_cli(["extract", str(path), "--text-column", "body", "--format", "csv"])
    assert code == 0
    header = out.lstrip("\ufeff").splitlines()[0].split(",")
    assert header[:2] == ["file", "doc_id"]


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_missing_column_is_an_input_error(tmp_path: Path, fmt: str) -> None:
    path = WRITERS[fmt](tmp_path / f"archive.{fmt}")
    with pytest.raises(InputError, match="'text'"):
        list(iter_rows(str(path), "text"))
    code, _, err = run_cli(["extract", str(path), "--text-column", "body", "--id-column", "uid"])
    assert code == 2
    assert err.startswith("error: ") and "uid" in err and str(path) in err


def test_option_misuse_is_a_usage_error(tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "archive.csv")
    assert run_cli(["extract", str(path), "--id-column", "id"])[0] == 2
    assert run_cli(["extract", str(path), "--text-column", "body", "--scheduler", "tcp://x:1"])[0] == 2


def test_malformed_jsonl_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"body": "5 ملايين"}\n{oops\n', encoding="utf-8")
    code, _, err = run_cli(["extract", str(path), "--text-column", "body"])
    assert code == 2 and "line 2" in err
