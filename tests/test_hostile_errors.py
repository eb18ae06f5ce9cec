"""No traceback from any input or option (issue 17).

Every failure is one ``error:`` line: exit 2 for bad input or options, exit 3
for a bug (``error: internal error …`` asking for a report), never 1, which
means findings. Good files of the same run are still reported.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcheck import cli

from helpers import cli_process as run
from helpers import error_lines

GOOD = "دربت المملكة المتحدة أكثر من 120 ألف فرد.\n"
#: 1,048,576 characters and no space: a base64 blob, minified text, 1,1,1,…
LONG_LINES = {
    "letters": "a" * (1 << 20),
    "commas": ("1," * (1 << 19)),
    "base64": ("QUJD" * (1 << 18)),
}
FORMATS = ["table", "jsonl", "json", "csv", "xlsx", "html", "markdown", "github", "sarif"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    return tmp_path


# ------------------------------------------------------------- a 1 MiB line without a space


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_megabyte_line_without_spaces_in_every_format(folder: Path, fmt: str) -> None:
    (folder / "blob.txt").write_text(LONG_LINES["commas"] + "\n" + GOOD, encoding="utf-8")
    code, out, err = run(["check", "blob.txt", "good.txt", "--format", fmt, "-o", f"r.{fmt}"],
                         folder)
    assert code == 0 and error_lines(err) == [], err
    report = (folder / f"r.{fmt}").read_bytes()
    if fmt not in ("xlsx", "github"):
        # the claim after the blob and the good file are both reported
        assert report.count(b"120") >= 2 or fmt == "markdown", report[:300]


@pytest.mark.parametrize("name", sorted(LONG_LINES))
@pytest.mark.parametrize("command", ["extract", "check"])
def test_a_megabyte_line_from_stdin(folder: Path, name: str, command: str) -> None:
    data = (LONG_LINES[name] + GOOD).encode()
    code, out, err = run([command, "-", "--format", "jsonl"], folder, stdin=data)
    assert code == 0 and error_lines(err) == [], err
    records = [json.loads(line) for line in out.splitlines()]
    # the claim glued to the end of the blob's line is found at its true offset
    text = data.decode()
    assert records and all(text[r["start"]:r["end"]] == r["text"] for r in records)


def test_a_megabyte_line_with_two_jobs(folder: Path) -> None:
    big = (LONG_LINES["letters"] + "\n" + GOOD) * 3  # > 2 MB: workers do start
    (folder / "blob.txt").write_text(big, encoding="utf-8")
    code, out, err = run(["extract", "blob.txt", "good.txt", "--jobs", "2", "--format", "jsonl"],
                         folder)
    assert code == 0 and error_lines(err) == [], err
    files = [json.loads(line)["file"] for line in out.splitlines()]
    assert files.count("blob.txt") == 3 and files.count("good.txt") == 1


def test_soft_cut_at_exactly_the_limit() -> None:
    """The unit under the crash: a line as long as the cut limit, then nothing."""
    from claimcheck.text.sources import _cut_chunks

    for n in (1023, 1024, 1025, 4096):
        text = "x" * n
        parts = list(_cut_chunks(iter([text]), 256, 1024))
        assert "".join(parts) == text and all(len(p) <= 1024 for p in parts), n
    # harakat after the limit stay with their letter
    text = "ب" * 1023 + "بَ" + "ب" * 10
    parts = list(_cut_chunks(iter([text]), 256, 1024))
    assert "".join(parts) == text and not any(p.startswith("\u064e") for p in parts)


# ------------------------------------------------------------- options that are not values


@pytest.mark.parametrize("codec", ["rot13", "hex", "base64", "zlib", "uu", "bz2", "quopri"])
def test_transform_codecs_are_not_encodings(folder: Path, codec: str) -> None:
    code, out, err = run(["extract", "good.txt", "--encoding", codec], folder)
    assert code == 2 and len(error_lines(err)) == 1, err
    assert "--encoding" in err and "not a text encoding" in err and out == b""


def test_transform_codec_in_the_api() -> None:
    from claimcheck.errors import InputError
    from claimcheck.text.sources import decode_bytes, text_codec

    assert text_codec("UTF8") == "utf-8" and text_codec("windows-1256") == "cp1256"
    with pytest.raises(InputError, match="not a text encoding"):
        decode_bytes(b"abc", encoding="hex")


@pytest.mark.parametrize("value", ["NaN", "sNaN", "-nan", "Infinity", "inf%", "1e999999999"])
def test_approximation_must_be_a_finite_fraction(folder: Path, value: str) -> None:
    code, out, err = run(["check", "good.txt", "--approximation", value], folder)
    assert code == 2 and len(error_lines(err)) == 1 and "--approximation" in err, err


@pytest.mark.parametrize("value", ['"NaN"', '"sNaN"', "nan", "inf"])
def test_approximation_from_the_config_file(folder: Path, value: str) -> None:
    (folder / ".claimcheck.toml").write_text(f"approximation = {value}\n", encoding="utf-8")
    code, out, err = run(["check", "good.txt"], folder)
    assert code == 2 and len(error_lines(err)) == 1 and "approximation" in err, err


# ------------------------------------------------------------- archives that are not


@pytest.mark.parametrize("content", [
    b"",
    b"this is not parquet at all\n",
    b"PAR1" + bytes(range(256)) * 4 + b"PAR1",
    b"PAR1\x15\x04\x15\x10\x15\x14L\x15\x02\x15\x00\x12\x00\x00\x08\x1c\x05\x00\x00\x00PAR1",
], ids=["empty", "text", "noise-between-magics", "truncated-footer"])
def test_corrupt_parquet(folder: Path, content: bytes) -> None:
    pytest.importorskip("pyarrow")
    (folder / "news.parquet").write_bytes(content)
    code, out, err = run(["extract", "news.parquet", "good.txt", "--text-column", "body",
                          "--format", "jsonl"], folder)
    errs = error_lines(err)
    assert code == 2 and len(errs) == 1 and "news.parquet" in errs[0], err
    # the good file of the same run is still reported
    assert b'"good.txt"' in out


def test_parquet_damaged_after_its_header(folder: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    path = folder / "news.parquet"
    pq.write_table(pa.table({"body": [GOOD] * 5000}), path, row_group_size=1000)
    data = bytearray(path.read_bytes())
    for i in range(200, len(data) // 2):  # scribble over the data pages, keep the footer
        data[i] = 0xFF
    path.write_bytes(bytes(data))
    code, out, err = run(["extract", "news.parquet", "--text-column", "body", "--format", "jsonl"],
                         folder)
    assert code == 2 and len(error_lines(err)) == 1 and "news.parquet" in err, err


# ------------------------------------------------------------- the guard


def test_an_internal_error_is_one_line_and_exit_3(folder: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from claimcheck.run import analyses

    def broken(self, text, file, offset=0, line=1):
        raise IndexError("string index out of range")

    monkeypatch.setattr(analyses.Extraction, "run", broken)
    monkeypatch.setattr(analyses.Extraction, "iter_run", broken)
    monkeypatch.chdir(folder)
    monkeypatch.delenv(cli.DEBUG_VARIABLE, raising=False)
    with pytest.raises(SystemExit) as exit_:
        cli.main(["extract", "good.txt", "--format", "jsonl"])
    assert exit_.value.code == cli.EXIT_INTERNAL == 3
    err = capsys.readouterr().err
    lines = error_lines(err)
    assert len(lines) == 1 and err.count("\n") == 1
    assert lines[0].startswith("error: internal error (IndexError: string index out of range)")
    assert "report" in lines[0] and cli.DEBUG_VARIABLE in lines[0]


def test_the_debug_variable_shows_the_traceback(folder: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    from claimcheck.run import analyses

    # (a table is made from the claims as they are found: iter_run, not run)
    monkeypatch.setattr(analyses.Extraction, "run", lambda *a: 1 / 0)
    monkeypatch.setattr(analyses.Extraction, "iter_run", lambda *a: 1 / 0)
    monkeypatch.chdir(folder)
    monkeypatch.setenv(cli.DEBUG_VARIABLE, "1")
    with pytest.raises(SystemExit) as exit_:
        cli.main(["extract", "good.txt"])
    assert exit_.value.code == 3
    err = capsys.readouterr().err
    assert "Traceback" in err and "ZeroDivisionError" in err


def test_errors_are_one_line_whatever_the_file_name(folder: Path) -> None:
    name = "bad\x1b]0;owned\x07\nerror: forged.txt"
    (folder / name).write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(40))
    code, out, err = run(["extract", name, "good.txt"], folder)
    assert code == 2
    lines = err.splitlines()
    assert len(error_lines(err)) == 1 and len(lines) == 1, err
    assert "\x1b" not in err and "\x07" not in err and "\\x1b]0;owned\\x07" in err


@pytest.mark.parametrize("order", ["be", "le"])
@pytest.mark.parametrize("text", [GOOD * 20, "The budget grew by 5 percent.\n" * 20],
                         ids=["arabic", "latin"])
def test_utf16_without_a_mark_gets_the_right_hint(folder: Path, order: str, text: str) -> None:
    (folder / "u16.txt").write_bytes(text.encode(f"utf-16-{order}"))
    code, out, err = run(["extract", "u16.txt"], folder)
    assert code == 2 and len(error_lines(err)) == 1, err
    assert err.rstrip().endswith(f"use --encoding utf-16-{order}"), err
    code, out, err = run(["extract", "u16.txt", "--encoding", f"utf-16-{order}"], folder)
    assert code == 0 and error_lines(err) == []


# ------------------------------------------------------------- archives read as spreadsheets write them


@pytest.mark.parametrize(("content", "row", "what"), [
    ('id,body\n1,"نص"\n2,نص,زائد\n', 3, "3 cells where the header has 2"),
    ('id,body\n1,"نص"\n2\n', 3, "1 cells where the header has 2"),
    ('id,body\n1,"نص\nعلى سطرين"\n2,"بلا نهاية\n3,نص\n', 3, "never closed"),
], ids=["extra-cell", "missing-cell", "unterminated-quote"])
def test_ragged_and_unterminated_csv_archives(folder: Path, content: str, row: int,
                                              what: str) -> None:
    (folder / "news.csv").write_text(content, encoding="utf-8")
    for fmt in ("jsonl", "json"):
        code, out, err = run(["extract", "news.csv", "good.txt", "--text-column", "body",
                              "--format", fmt], folder)
        errs = error_lines(err)
        assert code == 2 and len(errs) == 1, err
        assert "news.csv" in errs[0] and f"row {row}" in errs[0] and what in errs[0], errs[0]
        assert b"good.txt" in out  # the good file of the same run is reported
    if fmt == "json":
        # a collected report names a file whole or not at all
        assert b"news.csv" not in out


def test_an_archive_cell_up_to_the_documented_limit(folder: Path) -> None:
    from claimcheck.text.archives import MAX_CELL_CHARS, iter_rows

    body = "نص " * 100_000 + "أكثر من 120 ألف فرد"
    (folder / "news.csv").write_text(f'id,body\n7,"{body}"\n', encoding="utf-8")
    assert [(i, len(t)) for i, t in iter_rows(str(folder / "news.csv"), "body", "id")] == \
        [("7", len(body))]
    assert len(body) < MAX_CELL_CHARS


# ------------------------------------------------------------- --jobs


def test_jobs_is_capped_at_the_cores_with_a_note(folder: Path) -> None:
    from claimcheck.run.pool import cpu_count

    code, out, err = run(["extract", "good.txt", "--jobs", "100000", "--format", "jsonl"], folder,
                         timeout=60)
    assert code == 0 and error_lines(err) == [], err
    notes = [line for line in err.splitlines() if line.startswith("note:")]
    assert notes == [(f"note: --jobs 100000 lowered to {cpu_count()}, the number of CPU cores "
                      "this process may use")]
    assert out.count(b"\n") == 1


def test_jobs_within_the_cores_says_nothing(folder: Path) -> None:
    code, out, err = run(["extract", "good.txt", "--jobs", "1"], folder)
    assert code == 0 and err == ""


@pytest.mark.parametrize("codec", ["utf-16", "utf-32", "idna", "punycode", "unicode_escape", "utf-7"])
@pytest.mark.parametrize("data", [b"\x00\x00", b"\x00", b"\\x", b"+AGE-x\xff", b"\xff\xfe\xfd"],
                         ids=["nul-nul", "nul", "backslash-x", "utf7-junk", "high-bytes"])
def test_a_forced_codec_that_fails_without_naming_a_byte(codec: str, data: bytes) -> None:
    """UTF-16 without a byte-order mark raises a bare UnicodeError (found by the fuzzer)."""
    from claimcheck.errors import InputError
    from claimcheck.text.sources import decode_bytes

    try:
        decode_bytes(data, encoding=codec)
    except InputError as e:
        assert "decode" in str(e) or "binary" in str(e), e
