"""Errors as a user sees them: every failure mode gives its exit code, exactly one
clear ``error:`` line per problem on stderr, and never a traceback.

The command runs in a real subprocess (``python -m claimcheck.cli``), the way a
shell or a CI job runs it, so that stderr is exactly what a user would see.
"""
from __future__ import annotations

import codecs
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import cli_process, error_lines

ROOT = Path(__file__).resolve().parents[1]
GOOD = "بلغت الصفقة نحو 3.5 مليار دولار، أي 15 في المائة من الميزانية.\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(32)


def run(args: list[str], cwd: Path, stdin: bytes | None = None,
        timeout: float = 120) -> tuple[int, str, str]:
    """The real process; its stdout and stderr must both be UTF-8."""
    code, out, err = cli_process(args, cwd, stdin or b"", timeout=timeout, errors="strict")
    return code, out.decode("utf-8"), err


def one_error(code: int, stderr: str, *expected: str) -> str:
    assert code == 2, stderr
    errors = error_lines(stderr)
    assert len(errors) == 1, stderr
    for part in expected:
        assert part in errors[0], errors[0]
    return errors[0]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    return tmp_path


# ------------------------------------------------------------------ single failures


def test_missing_path(folder: Path) -> None:
    code, out, err = run(["extract", "missing.txt"], folder)
    one_error(code, err, "missing.txt", "no such file")
    assert out == ""


def test_undecodable_file(folder: Path) -> None:
    (folder / "latin.txt").write_bytes("Le café coûte 3 €".encode("cp1252"))
    code, out, err = run(["extract", "latin.txt"], folder)
    one_error(code, err, "latin.txt", "cannot decode", "--encoding")


def test_binary_file(folder: Path) -> None:
    (folder / "photo.txt").write_bytes(PNG)
    code, out, err = run(["extract", "photo.txt", "--format", "jsonl"], folder)
    one_error(code, err, "photo.txt", "binary file", "PNG")
    assert out == ""


def test_binary_stdin(folder: Path) -> None:
    code, out, err = run(["extract", "-"], folder, stdin=PNG)
    one_error(code, err, "-:", "binary file")


def test_unknown_encoding_is_a_usage_error(folder: Path) -> None:
    code, out, err = run(["extract", "good.txt", "--encoding", "klingon"], folder)
    one_error(code, err, "--encoding", "klingon")


def test_wrong_forced_encoding(folder: Path) -> None:
    (folder / "old.txt").write_bytes(GOOD.encode("cp1256"))
    code, out, err = run(["extract", "old.txt", "--encoding", "utf-8"], folder)
    one_error(code, err, "old.txt", "utf-8", "byte 0")


@pytest.mark.parametrize("target", ["no/such/folder/report.jsonl", "."])
def test_unwritable_output_path(folder: Path, target: str) -> None:
    code, out, err = run(["extract", "good.txt", "--format", "jsonl", "-o", target], folder)
    one_error(code, err)


def test_unwritable_output_folder(folder: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can write anywhere")
    locked = folder / "locked"
    locked.mkdir()
    os.chmod(locked, 0o500)
    code, out, err = run(["extract", "good.txt", "-o", "locked/report.csv", "--format", "csv"],
                         folder)
    one_error(code, err, "locked/report.csv")


# ------------------------------------------------------------- encodings that work


@pytest.mark.parametrize("label", ["utf-8-bom", "utf-16-le", "utf-16-be", "cp1256"])
def test_every_supported_encoding_gives_the_same_claims(folder: Path, label: str) -> None:
    data = {
        "utf-8-bom": codecs.BOM_UTF8 + GOOD.encode(),
        "utf-16-le": codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le"),
        "utf-16-be": codecs.BOM_UTF16_BE + GOOD.encode("utf-16-be"),
        "cp1256": GOOD.encode("cp1256"),
    }[label]
    (folder / "other.txt").write_bytes(data)
    _, expected, _ = run(["extract", "good.txt", "--format", "jsonl"], folder)
    code, out, err = run(["extract", "other.txt", "--format", "jsonl"], folder)
    assert code == 0 and error_lines(err) == []
    assert out.replace("other.txt", "good.txt") == expected and expected
    notes = [line for line in err.splitlines() if line.startswith("note:")]
    assert len(notes) == (1 if label == "cp1256" else 0)
    if notes:
        assert "other.txt" in notes[0] and "windows-1256" in notes[0]


def test_forced_encoding_silences_the_note(folder: Path) -> None:
    (folder / "old.txt").write_bytes(GOOD.encode("cp1256"))
    code, out, err = run(["extract", "old.txt", "--encoding", "windows-1256"], folder)
    assert code == 0 and err == "" and "3.5" in out


# ------------------------------------------------------------------ many files


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "table"])
def test_mixed_folder_reports_good_files_and_names_every_bad_one(folder: Path, fmt: str) -> None:
    docs = folder / "docs"
    docs.mkdir()
    (docs / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (docs / "b_photo.txt").write_bytes(PNG)
    (docs / "c_latin.md").write_bytes("Prix : 5 francs à Montréal".encode("latin-1"))
    (docs / "d_good.md").write_text("# عنوان\n\n" + GOOD, encoding="utf-8")
    code, out, err = run(["extract", "docs", "missing.txt", "--format", fmt], folder)
    assert code == 2
    errors = error_lines(err)
    assert len(errors) == 3, err
    assert any("b_photo.txt" in e for e in errors)
    assert any("c_latin.md" in e for e in errors)
    assert any("missing.txt" in e for e in errors)
    assert "a_good.txt" in out and "d_good.md" in out
    assert "b_photo" not in out and "c_latin" not in out


def test_mixed_run_writes_the_good_report_and_exits_2(folder: Path) -> None:
    (folder / "photo.txt").write_bytes(PNG)
    code, out, err = run(["extract", "good.txt", "photo.txt", "-o", "report.jsonl",
                          "--format", "jsonl"], folder)
    one_error(code, err, "photo.txt")
    records = [json.loads(line) for line in (folder / "report.jsonl").read_text().splitlines()]
    assert records and {r["file"] for r in records} == {"good.txt"}


def test_nothing_readable_keeps_the_previous_report(folder: Path) -> None:
    (folder / "photo.txt").write_bytes(PNG)
    (folder / "report.csv").write_bytes(b"previous report\r\n")
    code, out, err = run(["extract", "photo.txt", "-o", "report.csv", "--format", "csv"], folder)
    one_error(code, err, "photo.txt")
    assert (folder / "report.csv").read_bytes() == b"previous report\r\n"


def test_check_also_processes_good_files_and_names_bad_ones(folder: Path) -> None:
    (folder / "photo.txt").write_bytes(PNG)
    code, out, err = run(["check", "good.txt", "photo.txt", "--format", "jsonl"], folder)
    one_error(code, err, "photo.txt")
    assert '"verdict"' in out and "good.txt" in out


# ------------------------------------------------------------ interrupted writes


def _has_open(pid: int, path: Path) -> bool:
    fds = Path(f"/proc/{pid}/fd")
    if not fds.exists():  # not Linux: fall back on time
        time.sleep(1.5)
        return True
    try:
        return any(os.readlink(fd) == str(path) for fd in fds.iterdir())
    except OSError:
        return False


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL],
                         ids=["SIGINT", "SIGTERM", "SIGKILL"])
@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_interrupted_run_leaves_the_previous_report_intact(folder: Path, sig: int,
                                                            fmt: str) -> None:
    big = folder / "big.txt"
    big.write_text(GOOD * 400_000, encoding="utf-8")  # ~27 MB: seconds of work
    report = folder / f"report.{fmt}"
    report.write_bytes(b"previous report\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "claimcheck.cli", "extract", "big.txt",
                             "--format", fmt, "-o", report.name, "--jobs", "1", "--quiet"],
                            cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    # Wait until the run is under way: the input is open (so the CLI is past its
    # start-up) and, for jsonl, the temporary report exists and is being written.
    while time.monotonic() < deadline and proc.poll() is None:
        if _has_open(proc.pid, big) and (
                fmt == "csv" or any(p.name.endswith(".tmp") for p in folder.iterdir())):
            break
        time.sleep(0.02)
    time.sleep(0.2)
    if proc.poll() is not None:
        pytest.skip("the run finished before it could be interrupted")
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    stderr = err.decode()
    if proc.returncode == 0 and report.read_bytes() != b"previous report\n":
        pytest.skip("the run finished just before the signal arrived")
    assert proc.returncode != 0
    assert report.read_bytes() == b"previous report\n"
    if sig != signal.SIGKILL:
        one_error(proc.returncode, stderr, "interrupted")
    if sig != signal.SIGKILL:
        assert "Traceback" not in stderr
        assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
