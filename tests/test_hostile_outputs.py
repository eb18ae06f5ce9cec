"""Outputs that cannot harm (issue 17).

``--output`` writes into a character device or a FIFO as a stream and never
replaces it; follows a symlink (the file it points to gets the report, the link
stays); refuses a block device, an empty name, a folder; finds an unwritable
target before any work; names its temporary file so, and removes those a
killed run left. What a table cell or a file name holds reaches a terminal as
visible text, a Markdown table as one cell, SARIF as a URI.
"""
from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from claimcheck import cli

from helpers import cli_process as run
from helpers import error_lines

ROOT = Path(__file__).resolve().parents[1]
GOOD = "دربت المملكة المتحدة أكثر من 120 ألف فرد منذ عام 2014.\n"
HEADER = "id,entity,metric,value,unit,period,qualifier,tolerance,keywords,source\n"
NASTY = "\x1b]0;owned\x07\x1b[2J\x9b31m"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    return tmp_path


# ------------------------------------------------------------------ special files


def _null_device(folder: Path) -> Path:
    """A null device of our own (the same device as /dev/null), so that the test
    does not depend on what other programs on this machine did to /dev/null."""
    dev = folder / "null"
    try:
        os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except OSError:
        if not stat.S_ISCHR(os.stat("/dev/null").st_mode):
            pytest.skip("no character device to write to")
        return Path("/dev/null")
    return dev


@pytest.mark.parametrize("fmt", ["table", "jsonl", "csv", "xlsx"])
def test_a_null_device_stays_a_character_device(folder: Path, fmt: str) -> None:
    dev = _null_device(folder)
    code, out, err = run(["extract", "-o", str(dev), "good.txt", "--format", fmt], folder)
    assert code == 0 and error_lines(err) == [] and out == b""
    assert stat.S_ISCHR(os.stat(dev).st_mode) and os.stat(dev).st_size == 0
    assert not [p for p in dev.parent.iterdir() if p.name.startswith(f".{dev.name}.")]


def test_dev_null_itself(folder: Path) -> None:
    """The issue's own words: ``claimcheck extract -o /dev/null file.txt``."""
    if not stat.S_ISCHR(os.stat("/dev/null").st_mode):
        pytest.skip("/dev/null on this machine is not a character device (replaced by another program)")
    code, out, err = run(["extract", "-o", "/dev/null", "good.txt"], folder)
    assert code == 0 and error_lines(err) == []
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_a_fifo_is_written_as_a_stream(folder: Path, fmt: str) -> None:
    fifo = folder / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    code, out, err = run(["extract", "good.txt", "--format", fmt, "-o", str(fifo)], folder)
    reader.join(30)
    assert code == 0 and error_lines(err) == [], err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert b"120000" in got[0]
    assert sorted(p.name for p in folder.iterdir()) == ["good.txt", "pipe"]


def test_a_block_device_is_refused(folder: Path) -> None:
    dev = folder / "disk"
    try:
        os.mknod(dev, 0o600 | stat.S_IFBLK, os.makedev(7, 200))
    except OSError:
        pytest.skip("cannot create a block device node here")
    code, out, err = run(["extract", "good.txt", "-o", str(dev)], folder)
    assert code == 2 and len(error_lines(err)) == 1 and "block device" in err
    assert stat.S_ISBLK(os.lstat(dev).st_mode)


def test_a_symlink_is_followed_and_kept(folder: Path) -> None:
    (folder / "reports").mkdir()
    real = folder / "reports" / "real.jsonl"
    real.write_text("old\n", encoding="utf-8")
    link = folder / "latest.jsonl"
    link.symlink_to(Path("reports") / "real.jsonl")
    code, out, err = run(["extract", "good.txt", "--format", "jsonl", "-o", "latest.jsonl"], folder)
    assert code == 0 and error_lines(err) == []
    assert link.is_symlink() and os.readlink(link) == str(Path("reports") / "real.jsonl")
    assert b"120000" in real.read_bytes()
    # no temporary file left on either side of the link
    assert sorted(p.name for p in folder.iterdir()) == ["good.txt", "latest.jsonl", "reports"]
    assert [p.name for p in (folder / "reports").iterdir()] == ["real.jsonl"]


def test_a_dangling_symlink_gets_its_file(folder: Path) -> None:
    (folder / "out").mkdir()
    link = folder / "report.csv"
    link.symlink_to(Path("out") / "new.csv")
    code, out, err = run(["extract", "good.txt", "--format", "csv", "-o", "report.csv"], folder)
    assert code == 0 and error_lines(err) == []
    assert link.is_symlink() and (folder / "out" / "new.csv").read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("target", ["", " "])
def test_an_empty_output_name_is_an_error(folder: Path, target: str) -> None:
    code, out, err = run(["extract", "good.txt", "-o", target], folder)
    assert code == 2 and len(error_lines(err)) == 1 and out == b"", err
    assert "--output" in err


# ------------------------------------------------------------------ before the work


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "table", "jsonl"])
@pytest.mark.parametrize("target", ["no/such/folder/report.out", ".", "good.txt/report.out"])
def test_an_unwritable_target_fails_before_any_work(folder: Path, fmt: str, target: str,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from claimcheck.run import pool

    def no_work(*args, **kwargs):
        raise AssertionError("the work started before the output was found unwritable")

    monkeypatch.setattr(pool, "run_inputs", no_work)
    monkeypatch.setattr(pool, "iter_jsonl", no_work)
    monkeypatch.chdir(folder)
    with pytest.raises(SystemExit) as exit_:
        cli.main(["extract", "good.txt", "--format", fmt, "-o", target])
    err = capsys.readouterr().err
    assert exit_.value.code == 2, err
    assert len(error_lines(err)) == 1 and "AssertionError" not in err


def test_an_unwritable_baseline_fails_before_any_work(folder: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from claimcheck.run import pool

    monkeypatch.setattr(pool, "run_inputs", lambda *a, **k: 1 / 0)
    monkeypatch.chdir(folder)
    with pytest.raises(SystemExit) as exit_:
        cli.main(["extract", "good.txt", "--write-baseline", "no/such/base.json"])
    assert exit_.value.code == 2 and "ZeroDivisionError" not in capsys.readouterr().err


def test_a_read_only_report_is_not_replaced(folder: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root may write anything")
    report = folder / "report.jsonl"
    report.write_text("keep\n", encoding="utf-8")
    report.chmod(0o444)
    code, out, err = run(["extract", "good.txt", "--format", "jsonl", "-o", "report.jsonl"], folder)
    assert code == 2 and len(error_lines(err)) == 1 and report.read_text() == "keep\n"


# ------------------------------------------------------------------ temporary files


def test_stale_temporary_files_are_named_and_cleaned(folder: Path) -> None:
    big = folder / "big.txt"
    big.write_text(GOOD * 60_000, encoding="utf-8")  # ~6 MB: a few seconds of work
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "claimcheck.cli", "extract", "big.txt",
                             "--format", "json", "-o", "report.json", "-q"], cwd=folder, env=env,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    temps: list[Path] = []
    while not temps and time.monotonic() < deadline and proc.poll() is None:
        temps = list(folder.glob(".report.json.*"))
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    temps = list(folder.glob(".report.json.*"))
    assert len(temps) == 1, "the killed run left no temporary file to test with"
    # named so that a person knows what it is and whose it was
    assert temps[0].name.startswith(f".report.json.claimcheck-partial-{proc.pid}-")
    code, out, err = run(["extract", "good.txt", "--format", "json", "-o", "report.json"], folder)
    assert code == 0 and error_lines(err) == []
    assert not temps[0].exists()
    assert sorted(p.name for p in folder.iterdir()) == ["big.txt", "good.txt", "report.json"]


def test_a_live_runs_temporary_file_is_left_alone(folder: Path) -> None:
    live = folder / f".report.json.claimcheck-partial-{os.getpid()}-abc.tmp"
    live.write_bytes(b"")
    code, out, err = run(["extract", "good.txt", "--format", "json", "-o", "report.json"], folder)
    assert code == 0 and live.exists()


# ------------------------------------------------------------------ stdin read whole first


@pytest.mark.parametrize("fmt", ["jsonl", "table", "csv"])
def test_a_bad_byte_deep_in_stdin_gives_no_partial_report(folder: Path, fmt: str) -> None:
    data = (GOOD * 25_000).encode()  # ~2.5 MB of claims, then a byte that is not UTF-8
    data = data + b"\xff" + GOOD.encode()
    code, out, err = run(["extract", "-", "--format", fmt], folder, stdin=data)
    lines = error_lines(err)
    assert code == 2 and len(lines) == 1 and "-:" in lines[0] and out == b"", err


# ------------------------------------------------------------------ what the formats show


@pytest.fixture
def nasty(folder: Path) -> Path:
    ref = folder / "ref"
    ref.mkdir()
    row = (f"uk{NASTY}|a\\|b,المملكة المتحدة,عدد أفراد قوات الأمن الذين دربتهم,120000,,2014/2024,"
           f"more_than,,دربت|فرد,\"src{NASTY}|x\"\n")
    (ref / "facts.csv").write_text(HEADER + row, encoding="utf-8")
    (folder / f"draft {NASTY}#?.txt").write_text(GOOD, encoding="utf-8")
    return folder


@pytest.mark.parametrize("fmt", ["table", "markdown", "github"])
def test_control_characters_are_shown_not_obeyed(nasty: Path, fmt: str) -> None:
    name = f"draft {NASTY}#?.txt"
    code, out, err = run(["check", name, "-r", "ref", "--format", fmt, "--fail-on", "never"], nasty)
    assert code == 0 and error_lines(err) == [], err
    text = out.decode()
    assert "120" in text or fmt == "github"  # (github annotates only what is not supported)
    for ch in "\x1b\x07\x9b":
        assert ch not in text, (fmt, text)
    # shown as escapes (in Markdown their backslashes are escaped in turn, to render)
    shown = "\\\\x1b\\]0;owned\\\\x07" if fmt == "markdown" else "\\x1b]0;owned\\x07"
    assert shown in text, text


def test_markdown_cells_stay_cells(nasty: Path) -> None:
    code, out, err = run(["check", f"draft {NASTY}#?.txt", "-r", "ref", "--format", "markdown",
                          "--fail-on", "never"], nasty)
    rows = [line for line in out.decode().splitlines() if line.startswith("| ")]
    claims = [line for line in rows if ".txt:1:" in line]
    assert len(claims) == 2 and any("owned" in line for line in claims), rows
    # six cells: seven pipes, whatever the id and the source hold
    assert {line.count("|") for line in claims} == {7}, claims


def test_sarif_uris_are_uri_references(nasty: Path) -> None:
    name = f"draft {NASTY}#?.txt"
    code, out, err = run(["check", name, "-r", "ref", "--format", "sarif", "--fail-on", "never"],
                         nasty)
    doc = json.loads(out)
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for r in doc["runs"][0]["results"] for loc in r["locations"]}
    assert len(uris) == 1
    uri = uris.pop()
    allowed = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/!$&'()*+,;=:@%")
    assert set(uri) <= allowed, uri
    parts = urlsplit(uri)
    assert not parts.scheme and not parts.query and not parts.fragment
    assert unquote(parts.path) == name
