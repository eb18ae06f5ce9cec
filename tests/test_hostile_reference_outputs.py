"""``reference coverage`` and ``reference import`` write their output the way
``extract`` and ``check`` do (issue 17): an unwritable target fails before any
work, an empty name is an error (never stdout), a character device or a FIFO is
written into as a stream and stays what it is, and a run that fails leaves the
previous file untouched. Exit codes: 0 written, 2 refused or failed."""
from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from claimcheck import cli

from helpers import cli_process as run
from helpers import error_lines

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "tests" / "fixtures" / "statistics"
WB = FIX / "API_worldbank_excerpt.csv"  # 45 facts
# our own sentences: an inflation rate and a population no bundled table covers
ARTICLE = "ارتفع معدل التضخم في مصر إلى 33.9% في عام 2023.\nوبلغ عدد سكان الأردن 11.4 مليون نسمة في 2023.\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


COVERAGE = ["reference", "coverage", "a.txt", "--quiet"]
IMPORT = ["reference", "import", str(WB), "--quiet"]


# ------------------------------------------------------------------ empty names


@pytest.mark.parametrize("args", [
    [*COVERAGE, "-o", ""], [*COVERAGE, "-o", " "], [*COVERAGE, "--format", "csv", "-o", ""],
    [*IMPORT, "-o", ""], [*IMPORT, "-o", "  "],
    [*IMPORT, "-o", "facts.csv", "--rates", ""],
], ids=["coverage", "coverage-space", "coverage-csv", "import", "import-space", "import-rates"])
def test_an_empty_output_name_is_an_error_not_stdout(folder: Path, args: list[str]) -> None:
    code, out, err = run(args, folder)
    assert code == 2, err
    assert out == b"" and len(error_lines(err)) == 1, (out[:200], err)
    assert "empty" in err
    assert not (folder / "facts.csv").exists()  # the fact table is not written either


# ------------------------------------------------------------------ before the work


@pytest.mark.parametrize("target", ["no/such/folder/c.csv", ".", "a.txt/c.csv"])
def test_coverage_finds_an_unwritable_target_before_any_work(
        folder: Path, target: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from claimcheck.reference import coverage, tables

    def no_work(*args: object, **kwargs: object) -> None:
        raise AssertionError("the work started before the output was found unwritable")

    monkeypatch.setattr(coverage, "survey", no_work)
    monkeypatch.setattr(tables, "load", no_work)
    monkeypatch.chdir(folder)
    with pytest.raises(SystemExit) as exit_:
        cli.main([*COVERAGE, "--format", "csv", "-o", target])
    err = capsys.readouterr().err
    assert exit_.value.code == 2, err
    assert len(error_lines(err)) == 1 and "AssertionError" not in err


@pytest.mark.parametrize("option", ["-o", "--rates"])
@pytest.mark.parametrize("target", ["no/such/folder/t.csv", ".", "a.txt/t.csv"])
def test_import_finds_an_unwritable_target_before_reading(
        folder: Path, option: str, target: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from claimcheck.reference import importer

    def no_work(*args: object, **kwargs: object) -> None:
        raise AssertionError("a file was read before the output was found unwritable")

    monkeypatch.setattr(importer.Importer, "observations", no_work)
    monkeypatch.chdir(folder)
    paths = {"-o": target, "--rates": "rates.csv"} if option == "-o" else \
        {"-o": "facts.csv", "--rates": target}
    with pytest.raises(SystemExit) as exit_:
        cli.main(["reference", "import", str(WB), "-o", paths["-o"], "--rates", paths["--rates"]])
    err = capsys.readouterr().err
    assert exit_.value.code == 2, err
    assert len(error_lines(err)) == 1 and "AssertionError" not in err
    assert not (folder / "facts.csv").exists() and not (folder / "rates.csv").exists()


# ------------------------------------------------------------------ whole or not at all


def test_a_failed_coverage_keeps_the_previous_report(folder: Path) -> None:
    report = folder / "c.csv"
    report.write_bytes(b"previous\n")
    bad = folder / "refs"
    bad.mkdir()
    (bad / "t.csv").write_text("id,entity,metric,value\nx,مصر,التضخم,ثلاثة\n", encoding="utf-8")
    code, out, err = run([*COVERAGE, "--reference", "refs", "--format", "csv", "-o", "c.csv"], folder)
    assert code == 2 and len(error_lines(err)) == 1, err
    assert report.read_bytes() == b"previous\n"
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt", "c.csv", "refs"]  # no temp left


def test_coverage_replaces_the_report_when_it_succeeds(folder: Path) -> None:
    report = folder / "c.csv"
    report.write_bytes(b"previous\n")
    code, out, err = run([*COVERAGE, "--format", "csv", "-o", "c.csv"], folder)
    assert code == 0 and error_lines(err) == [] and out == b"", err
    data = report.read_bytes().decode("utf-8-sig")
    assert data.startswith("claims,") or "inflation" in data, data[:200]
    assert "inflation" in data and "previous" not in data


def test_a_failed_import_keeps_the_previous_table(folder: Path) -> None:
    table = folder / "t.csv"
    table.write_bytes(b"previous\n")
    bad = folder / "bad.csv"
    bad.write_text("REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE\nEGY,LP,20x,1\n", encoding="utf-8")
    code, out, err = run(["reference", "import", str(bad), "-o", "t.csv"], folder)
    assert code == 2 and len(error_lines(err)) == 1, err
    assert table.read_bytes() == b"previous\n"
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt", "bad.csv", "t.csv"]


# ------------------------------------------------------------------ special files


def _null_device(folder: Path) -> Path:
    dev = folder / "null"
    try:
        os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except OSError:
        pytest.skip("cannot create a character device here")
    return dev


@pytest.mark.parametrize("command", ["coverage", "import", "import-rates"])
def test_a_null_device_stays_a_character_device(folder: Path, command: str) -> None:
    dev = _null_device(folder)
    args = {"coverage": [*COVERAGE, "-o", str(dev)], "import": [*IMPORT, "-o", str(dev)],
            "import-rates": [*IMPORT, "-o", "t.csv", "--rates", str(dev)]}[command]
    code, out, err = run(args, folder)
    assert code == 0 and error_lines(err) == [] and out == b"", err
    assert stat.S_ISCHR(os.stat(dev).st_mode) and os.stat(dev).st_size == 0
    assert not [p for p in folder.iterdir() if p.name.startswith(".null.")]


@pytest.mark.parametrize("command", ["coverage", "import"])
def test_a_fifo_is_written_as_a_stream(folder: Path, command: str) -> None:
    fifo = folder / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    args = [*COVERAGE, "--format", "csv"] if command == "coverage" else IMPORT
    code, out, err = run([*args, "-o", str(fifo)], folder)
    reader.join(30)
    assert code == 0 and error_lines(err) == [], err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert got and got[0].startswith("\ufeff".encode())
    assert (b"inflation" if command == "coverage" else b"wb_SP.POP.TOTL_") in got[0]
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt", "pipe"]
