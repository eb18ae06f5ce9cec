"""Runs with ``--baseline`` and ``--write-baseline`` in memory that does not grow
with the findings (issue 17): the baseline splits the findings as they pass
(:class:`claimcheck.run.baseline.Known`), the known ones kept marked in the
bounded report or written marked as they come, and the baseline being written
is sorted on disk (:class:`claimcheck.run.baseline.Entries`).

Each CLI case runs twice — bounded and with the report made whole (today's
``render`` and ``dump``) — and the two must give the same bytes and exit code.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

import claimcheck
from claimcheck.model import CheckedClaim, Verdict
from claimcheck.run import baseline as baseline_module
from claimcheck.run.baseline import Baseline, Entries, Known, dump, fingerprint, is_finding

from helpers import check_peak_rss_mb, corpus_slice, run_bounded, run_cli, run_whole

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "news.txt"

# our own sentences: a contradicted figure, an unverifiable one, a supported one,
# and an inconsistency between the text's own figures
LINES = ["يجتمع في واشنطن ممثلو 78 شريكًا في التحالف الدولي ضد داعش.\n",
         "ومنذ عام 2014 دربت المملكة المتحدة أكثر من 120 ألف عنصر من قوات الأمن عبر عملية شادر.\n",
         ("وبلغ عدد الزوار نحو 9 آلاف زائر في اليوم الأول، وقدمت بريطانيا أكثر من 4.3 مليون جنيه "
          "إسترليني للأزمة السورية.\n"),
         "ارتفع عدد الطلاب من 200 إلى 300 طالب، أي بنسبة 20%.\n"]
DRAFT = "".join(LINES)
#: every format that writes text (xlsx: test_a_baseline_workbook_is_the_whole_one)
FORMATS = ["table", "markdown", "sarif", "html", "csv", "json", "jsonl", "github"]




def _write_old_drafts(folder: Path) -> Path:
    """Yesterday's drafts: b.txt holds the draft twice (each finding's
    fingerprint twice in the baseline), a.txt its first two lines; c.txt no figure."""
    folder.mkdir(exist_ok=True)
    (folder / "b.txt").write_text(DRAFT * 2, encoding="utf-8")
    (folder / "a.txt").write_text("".join(LINES[:2]), encoding="utf-8")
    (folder / "c.txt").write_text("لا أرقام في هذا النص.\n", encoding="utf-8")
    return folder


def _write_new_drafts(folder: Path) -> Path:
    """Today's: b.txt holds the draft three times (its third copy is new), a.txt
    the whole draft (its last two lines new), d.txt empty."""
    (folder / "b.txt").write_text(DRAFT * 3, encoding="utf-8")
    (folder / "a.txt").write_text(DRAFT, encoding="utf-8")
    (folder / "d.txt").write_text("", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The drafts of today, and yesterday's baseline of them for each command."""
    root = tmp_path_factory.mktemp("baselined")
    folder = _write_old_drafts(root / "drafts")
    baselines = {}
    for command in ("extract", "check"):
        baselines[command] = root / f"{command}.json"
        code, _, _ = run_cli([command, str(folder), "-q", "--write-baseline", str(baselines[command])])
        assert code == 0
    _write_new_drafts(folder)
    return {"folder": folder, **baselines}


@pytest.mark.parametrize("command", ["check", "extract"])
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_baseline_run_is_the_whole_report(command: str, fmt: str, jobs: str, drafts: dict[str, Path],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    args = [command, str(drafts["folder"]), "--format", fmt, "--jobs", jobs, "-q", "--lang", "en",
            "--baseline", str(drafts[command])]
    got, want = run_bounded(monkeypatch, args), run_whole(monkeypatch, args)
    assert got == want
    code, out, _ = got
    # the third copy of b.txt's contradicted figures and a.txt's new lines fail a check
    assert code == (1 if command == "check" else 0)
    if fmt == "jsonl":
        records = [json.loads(line) for line in out.splitlines()]
        known = [r for r in records if r.get("suppressed") == "baseline"]
        assert known and len(known) < len(records)
        # report order: known and new findings interleaved, file by file
        assert [(r["file"], r["start"]) for r in records] == sorted((r["file"], r["start"]) for r in records)
    if fmt == "table":
        assert "known from the baseline: " in out.splitlines()[-1]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_github_annotations_and_step_summary_with_a_baseline(jobs: str, drafts: dict[str, Path],
                                                             tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The annotations (new findings only) and the Markdown step summary (which
    counts the known ones) of one bounded run are those of the whole report."""
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    args = ["check", str(drafts["folder"]), "--format", "github", "--jobs", jobs, "-q", "--lang", "en",
            "--baseline", str(drafts["check"])]
    got = run_bounded(monkeypatch, args)
    bounded_summary = summary.read_text(encoding="utf-8")
    summary.unlink()
    assert got == run_whole(monkeypatch, args)
    assert bounded_summary == summary.read_text(encoding="utf-8")
    assert "known from the baseline: " in bounded_summary and got[0] == 1


@pytest.mark.parametrize("command", ["check", "extract"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_baseline_workbook_is_the_whole_one(command: str, jobs: str, drafts: dict[str, Path],
                                              tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """xlsx (bounded since it reads findings in report order): the known
    findings in its rows, marked, and counted in its summary sheet."""
    args = [command, str(drafts["folder"]), "--format", "xlsx", "--jobs", jobs, "-q",
            "--baseline", str(drafts[command])]
    got, want = tmp_path / "got.xlsx", tmp_path / "want.xlsx"
    code = run_bounded(monkeypatch, [*args, "-o", str(got)])[0]
    whole = run_whole(monkeypatch, [*args, "-o", str(want)])[0]
    assert (code, got.read_bytes()) == (whole, want.read_bytes())
    assert code == (1 if command == "check" else 0)


@pytest.mark.parametrize("fmt", ["table", "jsonl", "csv", "sarif"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_finding_the_baseline_knows_does_not_fail_the_run(fmt: str, jobs: str, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Every finding known: check exits 0 (and 1 without the baseline)."""
    (tmp_path / "a.txt").write_text(DRAFT * 2, encoding="utf-8")
    known = tmp_path / "known.json"
    assert run_cli(["check", str(tmp_path / "a.txt"), "-q", "--write-baseline", str(known)])[0] == 0
    args = ["check", str(tmp_path / "a.txt"), "--format", fmt, "--jobs", jobs, "-q"]
    assert run_cli(args)[0] == 1
    got = run_bounded(monkeypatch, [*args, "--baseline", str(known)])
    assert got == run_whole(monkeypatch, [*args, "--baseline", str(known)])
    assert got[0] == 0


@pytest.mark.parametrize("command", ["check", "extract"])
@pytest.mark.parametrize("fmt", ["table", "jsonl", "csv", "html"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_writing_a_baseline_is_the_whole_dump(command: str, fmt: str, jobs: str, drafts: dict[str, Path],
                                              tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file is byte for byte today's ``dump``; the report beside it too; exit 0."""
    folder = drafts["folder"]
    got_file, want_file = tmp_path / "got.json", tmp_path / "want.json"
    args = [command, str(folder), "--format", fmt, "--jobs", jobs, "--lang", "en"]
    got = run_bounded(monkeypatch, [*args, "--write-baseline", str(got_file)])
    want = run_whole(monkeypatch, [*args, "--write-baseline", str(want_file)])
    assert got[:2] == want[:2] and got[0] == 0
    assert got[2] == want[2].replace(str(want_file), str(got_file))
    assert got_file.read_bytes() == want_file.read_bytes()
    items = [r for name in ("a.txt", "b.txt", "c.txt", "d.txt")
             for r in (claimcheck.check if command == "check" else claimcheck.extract)(
                 (folder / name).read_text(encoding="utf-8"), file=str(folder / name))]
    assert got_file.read_bytes() == dump(items)
    # with --baseline too: the new file records every finding, the report marks the known ones
    both = [*args, "--baseline", str(drafts[command]), "--write-baseline"]
    assert run_cli([*both, str(got_file)])[:2] == run_whole(monkeypatch, [*both, str(want_file)])[:2]
    assert got_file.read_bytes() == want_file.read_bytes() == dump(items)


def test_a_file_unreadable_part_way_is_left_out_of_the_baseline(drafts: dict[str, Path], tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A byte that does not decode far into a big file: its findings are in
    neither the report nor the baseline written, and the budget it spent on
    known findings is given back; exit 2."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_bytes((drafts["folder"] / name).read_bytes())
    (folder / "ab.txt").write_bytes((DRAFT * 1500).encode() + b"\xff\n")
    for fmt in ("table", "csv", "json", "sarif"):
        for jobs in ("1", "2"):
            got_file, want_file = tmp_path / "got.json", tmp_path / "want.json"
            args = ["check", str(folder), "--format", fmt, "--encoding", "utf-8", "-q", "--jobs", jobs,
                    "--baseline", str(drafts["check"])]
            got = run_cli([*args, "--write-baseline", str(got_file)])
            want = run_whole(monkeypatch, [*args, "--write-baseline", str(want_file)])
            assert got[:2] == want[:2]
            assert got[0] == 2 and "ab.txt" in got[2] and "ab.txt" not in got[1]
            assert got_file.read_bytes() == want_file.read_bytes()
            assert b"ab.txt" not in got_file.read_bytes()


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus/news.txt is absent")
@pytest.mark.parametrize("fmt", ["table", "jsonl", "csv", "html"])
def test_a_baseline_run_of_a_corpus_slice(fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Real copy: a baseline written of an earlier version (every other line),
    then today's in two files, one of several chunks, on one core and on two."""
    corpus_slice(tmp_path, CORPUS, step=2)
    old = tmp_path / "old.json"
    assert run_cli(["check", str(tmp_path), "-q", "--write-baseline", str(old)])[0] == 0
    corpus_slice(tmp_path, CORPUS)
    args = ["check", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--format", fmt, "-q",
            "--fail-on", "never", "--baseline", str(old)]
    got_file, want_file = tmp_path / "got.json", tmp_path / "want.json"
    want = run_whole(monkeypatch, [*args, "--jobs", "1", "--write-baseline", str(want_file)])
    assert want[0] == 0 and "b.txt" in want[1]
    for jobs in ("1", "2"):
        assert run_cli([*args, "--jobs", jobs, "--write-baseline", str(got_file)])[:2] == want[:2]
        assert got_file.read_bytes() == want_file.read_bytes()


# ------------------------------------------------------------------ the parts


@pytest.fixture(scope="module")
def checked() -> list[CheckedClaim]:
    return claimcheck.check(DRAFT * 3, file="./a.txt") + claimcheck.check(DRAFT, file="b.txt")


def _old_dump(items: list) -> bytes:
    """The baseline file as it was written whole (sorted in memory)."""
    entries = []
    for it in items:
        if not is_finding(it):
            continue
        c = getattr(it, "claim", it)
        entry = {"fingerprint": fingerprint(it), "file": c.file.removeprefix("./"), "text": c.text}
        if isinstance(it, CheckedClaim):
            entry.update(verdict=str(it.verdict), reason=str(it.reason))
        entries.append(entry)
    entries.sort(key=lambda e: (e["file"], e["fingerprint"], e["text"]))
    doc = {"tool": "claimcheck", "version": 1, "findings": entries}
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode()


@pytest.mark.parametrize("run", [3, 7, 10_000])
def test_entries_sorted_in_runs_on_disk_are_the_dump(run: int, checked: list,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs of 3 and 7 entries merged (equal entries in the order they came:
    the draft's copies repeat fingerprints), and a file dropped part-way."""
    monkeypatch.setattr(baseline_module, "RUN_ENTRIES", run)
    monkeypatch.setattr(baseline_module, "RUN_BATCH", 2)
    claims = [c.claim for c in checked]
    assert dump(checked) == _old_dump(checked) and dump(claims) == _old_dump(claims)
    assert json.loads(dump(checked))["findings"][0]["file"] == "a.txt"
    assert dump([]) == _old_dump([]) == b'{\n  "tool": "claimcheck",\n  "version": 1,\n  "findings": []\n}\n'
    import io

    with Entries() as entries:
        entries.begin()
        for it in checked[:20]:
            entries.add(it)
        entries.end()
        entries.begin()
        for it in checked[20:]:  # a file left out after some of its findings were taken
            entries.add(it)
        entries.drop()
        entries.begin()
        for it in claims[:5]:
            entries.add(it)
        entries.end()
        out = io.BytesIO()
        entries.write(out)
    assert out.getvalue() == _old_dump(checked[:20] + claims[:5])


def test_known_spends_each_fingerprint_as_often_as_recorded(checked: list) -> None:
    """The draft three times over a baseline of it twice: the first two copies
    of each finding are known, the third is new; supported claims are never known."""
    once = claimcheck.check(DRAFT, file="a.txt")
    prints = Counter(fingerprint(i) for i in once * 2 if is_finding(i))
    known = Known(prints)
    thrice = claimcheck.check(DRAFT * 3, file="a.txt")
    marks = [known.is_known(i) for i in thrice]
    per_copy = len(once)
    assert marks[:per_copy] == marks[per_copy:2 * per_copy] == [is_finding(i) for i in once]
    assert not any(marks[2 * per_copy:])
    assert any(i.verdict is Verdict.SUPPORTED for i in once)
    # a file left out gives back what it spent
    known = Known(prints)
    known.begin()
    assert known.is_known(once[0] if is_finding(once[0]) else once[1])
    known.drop()
    assert known.budget == prints
    # Baseline.split spends the same way
    new, old = Baseline(prints).split(thrice)
    assert len(old) == sum(prints.values()) and len(new) == len(thrice) - len(old)


# ------------------------------------------------------------------ memory


@pytest.mark.parametrize("fmt", ["table", "jsonl"])
def test_peak_memory_of_a_baseline_run(fmt: str, tmp_path: Path) -> None:
    """``extract`` of «1 » × 40,000 with ``--write-baseline``, then with
    ``--baseline`` of that file (every claim known). Made whole, the table
    took 121 MB writing the baseline and 87 MB reading it, JSON Lines 157 and
    166 MB (CSV 177 and 185 MB); bounded, some 50 MB (the code, the
    baseline's fingerprints, a run of entries and a batch of records)."""
    text = tmp_path / "ones.txt"
    text.write_text("1 " * 40_000, encoding="utf-8")
    known = tmp_path / "known.json"
    peak = check_peak_rss_mb(text, fmt, "extract", "--write-baseline", str(known))
    assert peak < 70, f"{fmt} --write-baseline: peak {peak:.0f} MB"
    assert len(json.loads(known.read_text(encoding="utf-8"))["findings"]) == 40_000
    peak = check_peak_rss_mb(text, fmt, "extract", "--baseline", str(known))
    assert peak < 70, f"{fmt} --baseline: peak {peak:.0f} MB"


def _loaded_whole(text: str) -> Counter[str] | None:
    """What the baseline's fingerprints were when the file was loaded whole (None: refused)."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError:
        return None
    if not isinstance(doc, dict) or doc.get("version") != 1 or not isinstance(doc.get("findings"), list):
        return None
    if not all(isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in doc["findings"]):
        return None
    return Counter(e["fingerprint"] for e in doc["findings"])


@pytest.mark.parametrize("text", [
    '{"tool": "claimcheck", "version": 1, "findings": [{"fingerprint": "ab"}, {"fingerprint": "ab"}]}',
    '{"findings":[{"fingerprint":"x","text":"٥ ملايين [\\"}\\"]"},{"fingerprint":"y"}],"version":1}',
    ' \n{ "version" : 1.0 , "findings" : [ ] , "note" : {"a": [1, 2, {"b": "]"}]} }\n\n',
    '{"version": 1, "findings": [{"fingerprint": "a"}], "findings": [{"fingerprint": "b"}]}',
    '{"version": 1, "findings": [{"fingerprint": "a"}], "findings": null}',
    '{"version": 10, "findings": []}',
    '{"version": 1, "findings": [{"fingerprint": 5}]}',
    '{"version": 1, "findings": [{"fingerprint": "a"}, 3]}',
    '{"version": 1, "findings": {"fingerprint": "a"}}',
    '{"version": 1}',
    '[{"version": 1, "findings": []}]',
    '{"version": 1, "findings": [{"fingerprint": "a"},]}',
    '{"version": 1, "findings": [{"fingerprint": "a"}]} {}',
    '{"version": 1, "findings": [{"fingerprint": "a"}]',
    '{"version": 1 "findings": []}',
    '{}', '', '"text"', '12',
])
@pytest.mark.parametrize("chunk", [1, 3, 1 << 20])
def test_a_baseline_read_an_entry_at_a_time_is_the_one_loaded_whole(
        text: str, chunk: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the file holds and wherever the reads cut it, the fingerprints
    are those of the file loaded whole, and what it refused is refused."""
    from claimcheck.errors import BaselineError

    monkeypatch.setattr(baseline_module, "READ_CHARS", chunk)
    path = tmp_path / "b.json"
    path.write_text(text, encoding="utf-8")
    want = _loaded_whole(text)
    if want is None:
        with pytest.raises(BaselineError):
            Baseline.load(path)
    else:
        assert Baseline.load(path).known == want
