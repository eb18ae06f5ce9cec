"""The last runs that were made whole (issue 17): ``--baseline`` and
``--write-baseline`` with Markdown drafts or archives, and archives and drafts
together in one run. They go through the bounded and the streamed reports now
(:class:`claimcheck.run.baseline.Passing` marks the known findings as they
pass; a draft's comment-silenced findings pass with their status), and must
give the bytes and the exit code of the report made whole.

The order of such a report is the run's: files by name, a draft's findings by
offset (the silenced among the others), an archive's rows in their own order,
a baseline's known findings where they came — the report made whole once
sorted an archive's findings by offset when some were silenced, mixing its rows
(:func:`claimcheck.report.base.in_run_order`). Of two findings with one
fingerprint that the baseline records once, the first the run gives is known.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from claimcheck.report import spill, streamed

from helpers import check_peak_rss_mb, run_bounded, run_cli, run_whole

# our own sentences: a figure a table contradicts, one it supports, a change
# whose percentage does not follow from its ends, figures nobody can check
L0 = "اجتمع في لندن ممثلو 78 شريكًا في التحالف الدولي ضد داعش.\n"
L1 = "ودربت المملكة المتحدة منذ عام 2014 أكثر من 120 ألف عنصر أمني.\n"
L2 = "وزاد عدد المتطوعين من 400 إلى 500 متطوع، أي بنسبة 40%.\n"
L3 = "وحضر المهرجان نحو 15 ألف زائر في يومه الأول.\n"

#: every format; xlsx is written with -o
FORMATS = ["table", "markdown", "sarif", "html", "csv", "json", "jsonl", "github", "xlsx"]
ARCHIVE = ["--text-column", "body", "--id-column", "id"]
#: shape → (its files, its options): drafts and a text file; an archive and a
#: text file; both kinds of file in one run
SHAPES = {"drafts": (["a.md", "c.txt", "d.md"], []),
          "archive": (["b.csv", "c.txt"], ARCHIVE),
          "both": (["a.md", "b.csv", "c.txt", "d.md"], ARCHIVE)}


def _archive(path: Path, rows: list[tuple[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "body"])
        w.writerows(rows)


def _yesterday(folder: Path) -> None:
    folder.mkdir()
    (folder / "a.md").write_text("# اجتماع التحالف\n\n" + L0 + L1, encoding="utf-8")
    _archive(folder / "b.csv", [("r0", L0 + L2), ("r1", L1), ("r2", L3)])
    (folder / "c.txt").write_text(L2 + L3, encoding="utf-8")


def _today(folder: Path) -> None:
    """a.md silences its first copy of L0 (whose findings the baseline knows):
    the second copy, reported, is the known one; a block silences only
    no_reference. b.csv's rows out of id order, r4 a copy of r0 (the baseline
    knows their fingerprints once: r0's are known, r4's new), a blank row, a
    row of two lines. c.txt a third L3, d.md a new draft."""
    (folder / "a.md").write_text(
        "# اجتماع التحالف\n\n<!-- claimcheck-disable-next-line -->\n" + L0 + L1
        + "الجدول في `ملحق 500 دولار` على https://example.org/2024/30\n" + L0
        + "<!-- claimcheck-disable no_reference -->\n" + L2 + "<!-- claimcheck-enable -->\n" + L3,
        encoding="utf-8")
    _archive(folder / "b.csv", [("r5", L3), ("r0", L0 + L2), ("r4", L0 + L2), ("r1", L1), ("r6", ""),
                                ("r3", L2 + L1)])
    (folder / "c.txt").write_text(L2 + L3 + L3, encoding="utf-8")
    (folder / "d.md").write_text(L1 + L3, encoding="utf-8")


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Today's files, and yesterday's baseline of each shape for each command."""
    root = tmp_path_factory.mktemp("shapes")
    folder = root / "desk"
    _yesterday(folder)
    found = {"folder": folder}
    for shape, (files, options) in SHAPES.items():
        for command in ("check", "extract"):
            found[f"{shape}-{command}"] = root / f"{shape}-{command}.json"
            args = [command, *(str(folder / f) for f in files if (folder / f).exists()), *options, "-q",
                    "--write-baseline", str(found[f"{shape}-{command}"])]
            assert run_cli(args)[0] == 0
    _today(folder)
    return found




def _both_ways(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, args: list[str], fmt: str,
               write: bool) -> tuple[int, bytes, bytes | None]:
    """The run bounded and made whole: the same exit code, report and baseline
    written (its name aside); what the bounded one gave."""
    got = []
    for name, run in (("got", run_bounded), ("want", run_whole)):
        out = tmp_path / f"{name}.{fmt}"
        written = tmp_path / f"{name}.json"
        extra = ["-o", str(out)] if fmt == "xlsx" else []
        extra += ["--write-baseline", str(written)] if write else []
        code, text, err = run(monkeypatch, [*args, *extra])
        report = out.read_bytes() if fmt == "xlsx" else text.encode()
        got.append((code, report, err.replace(str(written), "B"), written.read_bytes() if write else None))
    assert got[0] == got[1], f"{' '.join(args)}: bounded and whole differ"
    code, report, _, written = got[0]
    return code, report, written


def _args(desk: dict[str, Path], shape: str, command: str, fmt: str, jobs: str) -> list[str]:
    files, options = SHAPES[shape]
    return [command, *(str(desk["folder"] / f) for f in files), *options, "--format", fmt, "--jobs", jobs,
            "-q", "--lang", "en"]


@pytest.mark.parametrize("shape", list(SHAPES))
@pytest.mark.parametrize("command", ["check", "extract"])
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_baseline_run_of_drafts_and_archives_is_the_whole_one(
        shape: str, command: str, fmt: str, jobs: str, desk: dict[str, Path], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading yesterday's baseline and writing today's in one run."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    args = [*_args(desk, shape, command, fmt, jobs), "--baseline", str(desk[f"{shape}-{command}"])]
    code, report, written = _both_ways(monkeypatch, tmp_path, args, fmt, write=True)
    assert code == 0  # (--write-baseline)
    assert written is not None and json.loads(written)["findings"]
    if fmt == "table":
        assert "known from the baseline: " in report.decode().splitlines()[-1]
    if jobs == "1":  # without writing one: a new contradicted figure fails a check
        code = _both_ways(monkeypatch, tmp_path, args, fmt, write=False)[0]
        assert code == (1 if command == "check" else 0)


@pytest.mark.parametrize("shape", list(SHAPES))
@pytest.mark.parametrize("fmt", ["table", "csv", "jsonl", "sarif"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_writing_a_baseline_of_drafts_and_archives(shape: str, fmt: str, jobs: str, desk: dict[str, Path],
                                                   tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--write-baseline`` alone: every finding recorded as the whole dump
    records it (a draft's silenced findings are not), the report beside it
    too; then a run over that baseline knows every finding and passes."""
    args = _args(desk, shape, "check", fmt, jobs)
    code, _, written = _both_ways(monkeypatch, tmp_path, args, fmt, write=True)
    assert code == 0 and written is not None
    (tmp_path / "today.json").write_bytes(written)
    code, report, _ = _both_ways(monkeypatch, tmp_path, [*args, "--baseline", str(tmp_path / "today.json")],
                                 fmt, write=False)
    assert code == 0
    if fmt == "jsonl":  # every finding known or silenced; only supported claims are reported
        records = [json.loads(line) for line in report.decode().splitlines()]
        findings = [r for r in records if r["verdict"] != "supported"]
        assert {r.get("suppressed") for r in findings} <= {"baseline", "comment"}
        assert any(r.get("suppressed") == "baseline" for r in records)
    if fmt == "table":
        assert "known from the baseline: " in report.decode().splitlines()[-1]


@pytest.mark.parametrize("command", ["check", "extract"])
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_archives_and_drafts_in_one_run(command: str, fmt: str, jobs: str, desk: dict[str, Path],
                                        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No baseline: a draft's silenced findings beside an archive's rows, bounded
    (or streamed: JSON, GitHub annotations) as the report made whole."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    args = _args(desk, "both", command, fmt, jobs)
    if fmt == "jsonl":  # always written as it comes: the records of the JSON made whole
        with monkeypatch.context() as m:
            m.setattr(spill, "can_bound", lambda *a, **k: False)
            m.setattr(streamed, "STREAMED", frozenset())
            code, whole, _ = run_cli(_args(desk, "both", command, "json", jobs))
        got = run_cli(args)
        assert [json.loads(line) for line in got[1].splitlines()] == json.loads(whole)
        assert got[0] == code == (1 if command == "check" else 0)
        return
    code = _both_ways(monkeypatch, tmp_path, args, fmt, write=False)[0]
    assert code == (1 if command == "check" else 0)


def _records(desk: dict[str, Path], shape: str, command: str, *extra: str) -> list[dict]:
    out = run_cli([*_args(desk, shape, command, "jsonl", "1"), *extra])[1]
    return [json.loads(line) for line in out.splitlines()]


@pytest.mark.parametrize("command", ["check", "extract"])
def test_the_order_and_the_known_findings(command: str, desk: dict[str, Path]) -> None:
    """What the runs above agree on is right: an archive's records in its rows'
    order, each row's by offset, known and new together; r0's findings known,
    r4's (the same fingerprints, recorded once) new; in a.md the silenced
    copy of L0 spends nothing, so the reported copy is the known one."""
    records = _records(desk, "both", command, "--baseline", str(desk[f"both-{command}"]))
    assert [r["file"] for r in records] == sorted(r["file"] for r in records)
    rows = [r for r in records if r["file"].endswith("b.csv")]
    ids = [r["doc_id"] for r in rows]
    assert list(dict.fromkeys(ids)) == ["r5", "r0", "r4", "r1", "r3"]
    assert ids == sorted(ids, key=["r5", "r0", "r4", "r1", "r3"].index)  # each row's records together
    for doc in ("r5", "r0", "r4", "r1", "r3"):
        starts = [r["start"] for r in rows if r["doc_id"] == doc]
        assert starts == sorted(starts)

    def status(file: str, doc: str | None = None) -> list[str | None]:
        return [r.get("suppressed") for r in records if r["file"].endswith(file) and r.get("doc_id") == doc
                and r.get("verdict") != "supported"]

    assert set(status("b.csv", "r0")) == {"baseline"}
    assert set(status("b.csv", "r4")) == {None}
    assert set(status("b.csv", "r5")) == {"baseline"}  # yesterday's r2
    draft = [r for r in records if r["file"].endswith("a.md")]
    assert [r["line"] for r in draft] == sorted(r["line"] for r in draft)
    assert {r.get("suppressed") for r in draft if r["line"] == 4} == {"comment"}   # L0 silenced
    assert {r.get("suppressed") for r in draft if r["line"] == 7
            and r.get("verdict") != "supported"} == {"baseline"}               # L0 reported
    if command == "check":  # the block silences no_reference only
        block = [r for r in draft if r["line"] == 9]
        assert {r.get("suppressed") for r in block if r["reason"] == "no_reference"} == {"comment"}
        assert {r.get("suppressed") for r in block if r["reason"] != "no_reference"} == {None}


def test_a_baseline_records_no_silenced_finding(desk: dict[str, Path], tmp_path: Path) -> None:
    """The baseline written of a draft records its reported findings, as the
    whole dump did: a finding its comment silences is not recorded."""
    written = tmp_path / "b.json"
    records = _records(desk, "drafts", "extract", "--write-baseline", str(written))
    entries = json.loads(written.read_text(encoding="utf-8"))["findings"]
    for name in ("a.md", "d.md"):
        reported = [r for r in records if r["file"].endswith(name) and "suppressed" not in r]
        assert len([e for e in entries if e["file"].endswith(name)]) == len(reported)
    assert any(r.get("suppressed") == "comment" for r in records)


def test_the_whole_report_keeps_an_archives_rows_together() -> None:
    """:func:`in_run_order`: a report of archive rows with known findings among
    them lists them in the rows' order; sorted by offset (as the report made
    whole once was) the rows would mix."""
    import claimcheck
    from claimcheck.report import make_report
    from claimcheck.report.base import KNOWN_FROM_BASELINE, in_run_order
    from claimcheck.run.analyses import with_doc_id

    rows = [with_doc_id(c, doc) for doc in ("r2", "r1") for c in claimcheck.extract(L0 + L2, file="b.csv")]
    marked = [(c, KNOWN_FROM_BASELINE if c.doc_id == "r2" else None) for c in rows]
    silenced = claimcheck.extract(L3, file="a.md")
    report = make_report([c for c, s in marked if s is None], known=[c for c, s in marked if s],
                         suppressed=silenced)
    mixed = [c.doc_id for c, _ in report.entries() if c.doc_id]  # sorted by offset: r1, r2, r1, r2…
    assert mixed[:3] == ["r1", "r2", "r1"]
    ordered = in_run_order(report, marked, silenced)
    assert [(c, s) for c, s in ordered.entries()] == [*((c, "comment") for c in silenced), *marked]
    assert list(ordered.in_order()) == [c for c in rows if c.doc_id == "r1"]


# ------------------------------------------------------------------ memory


def _ones(tmp_path: Path, shape: str) -> tuple[list[str], list[str]]:
    """«1 » × 40,000 as a Markdown draft; as a CSV archive of 200 rows; as both."""
    draft, archive = tmp_path / "ones.md", tmp_path / "ones.csv"
    draft.write_text("1 " * 40_000, encoding="utf-8")
    archive.write_text("body\n" + "".join("1 " * 200 + "\n" for _ in range(200)), encoding="utf-8")
    if shape == "md":
        return [str(draft)], []
    if shape == "archive":
        return [str(archive)], ["--text-column", "body"]
    draft.write_text("1 " * 20_000, encoding="utf-8")
    archive.write_text("body\n" + "".join("1 " * 200 + "\n" for _ in range(100)), encoding="utf-8")
    return [str(draft), str(archive)], ["--text-column", "body"]


@pytest.mark.parametrize("shape, fmt, baseline, bound", [
    ("md", "jsonl", True, 65), ("archive", "csv", True, 65), ("both", "table", False, 55),
    ("both", "csv", True, 65)])
def test_peak_memory_of_each_shape(shape: str, fmt: str, baseline: bool, bound: int, tmp_path: Path) -> None:
    """``extract`` of «1 » × 40,000, reading a baseline that knows each claim and
    writing one beside it. Made whole: as a Markdown draft, table 92 MB, JSON
    Lines 167 MB; as a CSV archive of 200 rows, table 76 MB, CSV 106 MB; half
    a draft and half an archive, table without a baseline 67 MB, CSV with one
    124 MB. Bounded: some 50 MB (38 MB without a baseline)."""
    paths, extra = _ones(tmp_path, shape)
    if baseline:
        known = tmp_path / "known.json"
        assert run_cli(["extract", *paths, *extra, "-q", "--write-baseline", str(known)])[0] == 0
        extra = [*extra, "--baseline", str(known), "--write-baseline", str(tmp_path / "new.json")]
    peak = check_peak_rss_mb(Path(paths[0]), fmt, "extract", *paths[1:], *extra)
    assert peak < bound, f"{shape} {fmt}: peak {peak:.0f} MB"
