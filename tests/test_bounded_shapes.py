"""The runs that were still made whole (issue 17): Markdown drafts (their
comment-suppressed findings), archives (rows in their own order, ``doc_id``),
files whose configurations interleave them out of name order, and a file cut
into several units. Each is written bounded (:mod:`claimcheck.report.spill`) or
streamed (:mod:`claimcheck.report.streamed`) in every format, and must give the
bytes of the report made whole (both turned off), for ``extract`` and
``check``, on one core and on two.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from claimcheck.report import spill, streamed
from claimcheck.report.base import CLAIM_COLUMNS
from claimcheck.report.spill import BoundedReport, Collector, Listed

from helpers import check_peak_rss_mb, run_cli

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "news.txt"

# our own sentences: figures a table contradicts, supports or cannot settle, and
# a change whose percentage does not follow from its two ends
PROSE = ("شارك في المؤتمر ممثلو 78 شريكًا من دول التحالف الدولي ضد داعش.\n"
         "ومنذ عام 2014 دربت المملكة المتحدة أكثر من 120 ألف عنصر من قوات الأمن.\n"
         "وقدمت بريطانيا أكثر من 4.3 مليون جنيه إسترليني للأزمة السورية في العام الماضي.\n"
         "ارتفع عدد الطلاب المسجلين من 200 إلى 300 طالب، أي بنسبة 20%.\n")

# a draft: a title, code and a link blanked, a figure silenced on its line, a
# block silenced for one reason only, and figures reported around them
DRAFT_MD = ("# تقرير عن التحالف الدولي\n\n"
            "شارك في المؤتمر ممثلو 78 شريكًا من دول التحالف، وفق `جدول 500 دولار` "
            "المنشور على https://example.org/2024/30 أمس.\n"
            "<!-- claimcheck-disable-next-line -->\n"
            "ومنذ عام 2014 دربت المملكة المتحدة أكثر من 120 ألف عنصر من قوات الأمن.\n"
            "وبلغ عدد الزوار نحو 9 آلاف زائر في اليوم الأول من المعرض.\n"
            "<!-- claimcheck-disable no_reference -->\n"
            "وقدمت بريطانيا أكثر من 4.3 مليون جنيه إسترليني للأزمة السورية، "
            "وأنفقت البلدية 12 مليون دينار على الطرق.\n"
            "<!-- claimcheck-enable -->\n"
            "ارتفع عدد الطلاب المسجلين من 200 إلى 300 طالب، أي بنسبة 20%.\n")

FORMATS = ["table", "markdown", "sarif", "html", "csv", "json", "github"]


def _whole(monkeypatch: pytest.MonkeyPatch, args: list[str]) -> tuple[int, str, str]:
    """The CLI with neither a bounded nor a streamed report: made whole."""
    with monkeypatch.context() as m:
        m.setattr(spill, "can_bound", lambda *a, **k: False)
        m.setattr(streamed, "STREAMED", frozenset())
        return run_cli(args)


def _same(monkeypatch: pytest.MonkeyPatch, args: list[str]) -> tuple[int, str, str]:
    got, want = run_cli(args), _whole(monkeypatch, args)
    assert got == want, f"{' '.join(args)}: the bounded report differs from the whole one"
    return got


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    """Two Markdown drafts (one silences findings) and a text file between them."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "b.md").write_text(DRAFT_MD, encoding="utf-8")
    (folder / "a.md").write_text("# بلا تعليقات\n\n" + PROSE, encoding="utf-8")
    (folder / "ab.txt").write_text(PROSE, encoding="utf-8")
    return folder


#: (format, command, jobs): every format on one core, some on two (the worker's pickled batches)
CASES = [*((fmt, command, "1") for fmt in FORMATS for command in ("check", "extract")),
         ("table", "check", "2"), ("csv", "check", "2"), ("json", "extract", "2"), ("html", "check", "2")]


@pytest.mark.parametrize("fmt, command, jobs", CASES)
def test_markdown_drafts(command: str, fmt: str, jobs: str, drafts: Path,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    args = [command, str(drafts), "--format", fmt, "--jobs", jobs, "-q", "--lang", "en"]
    code, out, _ = _same(monkeypatch, args)
    assert code == (1 if command == "check" else 0)
    if fmt == "csv":
        rows = list(csv.DictReader(out.lstrip("\ufeff").splitlines()))
        silenced = [r for r in rows if r["suppressed"]]
        assert {r["suppressed"] for r in silenced} == {"comment"} and all(r["file"].endswith("b.md")
                                                                           for r in silenced)
        # the line after the comment, whole; in the block only what the code names
        next_line = [r for r in silenced if r["line"] == "5"]
        assert {r["text"] for r in next_line} >= {"أكثر من 120 ألف عنصر"}
        block = [r for r in silenced if r["line"] == "8"]
        assert all(r["reason"] == "no_reference" for r in block) and (command == "check") == bool(block)
        # blanked code and links are no claims
        assert not any("500 دولار" in r["text"] or r["text"] == "30" for r in rows)
    if fmt == "table":
        assert "suppressed" in out.splitlines()[-1]


@pytest.mark.parametrize("command", ["check", "extract"])
def test_markdown_drafts_in_json_lines(command: str, drafts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """JSON Lines (always written as it comes) holds the records of the JSON report made whole."""
    lines = run_cli([command, str(drafts), "--format", "jsonl", "-q"])[1]
    whole = _whole(monkeypatch, [command, str(drafts), "--format", "json", "-q"])[1]
    assert [json.loads(line) for line in lines.splitlines()] == json.loads(whole)
    assert '"suppressed": "comment"' in lines


def _archive(folder: Path) -> Path:
    """A CSV archive (its rows out of id order, one blank, one with a line break)
    and a JSON Lines one, beside a text file: every record of an archive has its
    ``doc_id`` and positions in its row."""
    folder.mkdir()
    sentences = PROSE.splitlines()
    with (folder / "b.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["article_id", "body"])
        for k in range(12):
            w.writerow([f"n{(7 * k) % 12}", "\n".join(sentences[k % 4:]) if k != 5 else ""])
    with (folder / "c.jsonl").open("w", encoding="utf-8") as f:
        for k in range(5):
            f.write(json.dumps({"article_id": f"j{k}", "body": sentences[(k + 1) % 4]},
                               ensure_ascii=False) + "\n")
    (folder / "a.txt").write_text(PROSE, encoding="utf-8")
    return folder


@pytest.mark.parametrize("fmt, command, jobs", CASES)
def test_archives(command: str, fmt: str, jobs: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    folder = _archive(tmp_path / "archive")
    args = [command, *(str(folder / f) for f in ("c.jsonl", "b.csv", "a.txt")), "--text-column", "body",
            "--id-column", "article_id", "--format", fmt, "--jobs", jobs, "-q"]
    code, out, _ = _same(monkeypatch, args)
    assert code == (1 if command == "check" else 0)
    if fmt == "csv":
        rows = list(csv.DictReader(out.lstrip("\ufeff").splitlines()))
        assert list(rows[0])[:3] == ["file", "doc_id", "line"]
        ids = [r["doc_id"] for r in rows if r["file"].endswith("b.csv")]
        # the rows in their own order (n0, n7, n2…), not sorted by id or offset
        assert list(dict.fromkeys(ids))[:3] == ["n0", "n7", "n2"] and "n11" not in ids[:1]


def test_archive_order_in_the_worst_first_formats() -> None:
    """Markdown, GitHub annotations and the HTML page list findings worst first,
    each severity in report order: an archive's in its rows' order (offsets
    restart in every row, so sorting by them would mix articles), a text file's
    by offset as before."""
    import dataclasses

    import claimcheck
    from claimcheck.report import make_report
    from claimcheck.report.base import importance_key, severity_of
    from claimcheck.run.analyses import with_doc_id

    rows = [with_doc_id(r, f"r{k}") for k in range(3) for r in claimcheck.check(PROSE, file="b.csv")]
    report = dataclasses.replace(make_report(rows), items=tuple(rows))
    for severity in range(3):
        assert list(report.by_severity(severity)) == [r for r in rows if severity_of(r) == severity]
    assert [r.claim.doc_id for r in report.by_severity(1)][:2] == ["r0", "r0"]
    text = claimcheck.check(PROSE * 2, file="a.txt")
    report = make_report(text)
    worst_first = sorted(text, key=importance_key)
    assert [i for s in range(3) for i in report.by_severity(s)] == worst_first
    numbered = [i for f in ("contradicted", "inconsistent", "unverifiable", "supported")
                for i, _ in report.numbered(f)]
    assert sorted(numbered, key=importance_key) == worst_first


@pytest.mark.parametrize("command", ["check", "extract"])
def test_the_workbook_of_drafts_and_archives(command: str, drafts: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """xlsx (written with ``-o``) of drafts and of an archive (its silenced
    findings and ids now reach the bounded writer): the workbook made whole."""
    archive = _archive(tmp_path / "archive")
    for args in ([str(drafts)], [str(archive / "b.csv"), str(archive / "a.txt"), "--text-column", "body"]):
        books = []
        for run in (run_cli, lambda a: _whole(monkeypatch, a)):
            out = tmp_path / f"{len(books)}.xlsx"
            code = run([command, *args, "-o", str(out), "-q"])[0]
            assert code == (1 if command == "check" else 0)
            books.append(out.read_bytes())
        assert books[0] == books[1] and books[0].startswith(b"PK")


@pytest.fixture
def nested(tmp_path: Path) -> Path:
    """a.txt and c.txt follow the run's configuration, b/x.txt its folder's own
    (in Egypt): run group by group, the files would come out of name order."""
    root = tmp_path / "desk"
    (root / "b").mkdir(parents=True)
    (root / ".git").mkdir()  # (the search for a configuration stops here)
    (root / "b" / ".claimcheck.toml").write_text('country = "EG"\n', encoding="utf-8")
    (root / "a.txt").write_text(PROSE, encoding="utf-8")
    (root / "b" / "x.txt").write_text(PROSE + "وبلغ سعر الكيلو 40 جنيها.\n", encoding="utf-8")
    (root / "c.txt").write_text(PROSE * 2, encoding="utf-8")
    return root


@pytest.mark.parametrize("fmt, command, jobs", [
    *((fmt, command, "1") for fmt in ("table", "markdown", "csv", "json", "jsonl")
      for command in ("check", "extract")),
    ("table", "check", "2"), ("jsonl", "check", "2")])
def test_files_whose_configurations_interleave(command: str, fmt: str, jobs: str, nested: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.chdir(nested)
    args = [command, "a.txt", "b", "c.txt", "--format", fmt, "--jobs", jobs, "-q"]
    code, out, _ = _same(monkeypatch, args)
    assert code == (1 if command == "check" else 0)
    if fmt in ("jsonl", "csv", "table"):
        assert out.index("a.txt") < out.index("x.txt") < out.index("c.txt")
    if fmt == "jsonl":  # its folder's configuration read its bare pound as Egyptian
        assert '"unit": "EGP"' in out


@pytest.mark.parametrize("fmt", ["table", "csv"])
def test_a_file_of_several_units(fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file cut into two chunks (a unit boundary inside it), on one core and
    on two: its findings come in offset order across the cut, as the bounded
    report checks, and a Markdown draft of it as one unit."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    big = PROSE * 1000
    assert len(big) > 260_000
    (tmp_path / "big.txt").write_text(big, encoding="utf-8")
    (tmp_path / "big.md").write_text(DRAFT_MD * 100, encoding="utf-8")
    for jobs in ("1", "2"):
        _same(monkeypatch, ["check", str(tmp_path), "--format", fmt, "--jobs", jobs, "-q",
                            "--fail-on", "never"])


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus/news.txt is absent")
@pytest.mark.parametrize("fmt", ["table", "csv"])
def test_a_corpus_slice_as_drafts_and_an_archive(fmt: str, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Real copy as a Markdown draft, as a CSV archive of one article per row, and
    read by two configurations."""
    with CORPUS.open(encoding="utf-8") as f:
        lines = [f.readline() for _ in range(60)]
    (tmp_path / "a.md").write_text("".join(lines[:30]), encoding="utf-8")
    with (tmp_path / "b.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["body"])
        w.writerows([line.strip()] for line in lines[30:])
    for jobs in ("1", "2"):
        for path, archive in ((tmp_path / "a.md", []), (tmp_path / "b.csv", ["--text-column", "body"])):
            _same(monkeypatch, ["check", str(path), *archive, "--format", fmt, "--jobs", jobs, "-q",
                                "--fail-on", "never"])


# ------------------------------------------------------------------ order and memory


def test_findings_out_of_order_are_a_bug_not_a_quiet_difference() -> None:
    """A run that gave a file's findings out of offset order would make a report
    unlike the sorted one: the bounded report refuses it (the CLI says
    ``internal error``, exit 3); another file, or another archive row, starts over."""
    import claimcheck
    from claimcheck.errors import ReportOrderError
    from claimcheck.run.analyses import with_doc_id

    a, b = claimcheck.extract(PROSE, file="a.txt"), claimcheck.extract(PROSE, file="b.txt")
    assert len(a) >= 4
    rows = [with_doc_id(c, "r1") for c in b] + [with_doc_id(c, "r2") for c in b]
    with BoundedReport("table", checked=False) as report, Collector(report) as collector:
        collector.add("a.txt", Listed()(a), True)
        collector.add("b.txt", Listed()(rows), True)  # offsets restart in every row
        with pytest.raises(ReportOrderError, match="a.txt"):
            collector.add("a.txt", Listed()([a[2], a[1]]), True)


def test_the_status_column_comes_with_the_first_silenced_finding(tmp_path: Path) -> None:
    """CSV of drafts none of which silences a finding has no status column, as
    the whole report; one silenced finding anywhere adds it to every row."""
    (tmp_path / "a.md").write_text(PROSE, encoding="utf-8")
    out = run_cli(["extract", str(tmp_path), "--format", "csv", "-q"])[1]
    assert out.lstrip("\ufeff").splitlines()[0].split(",") == list(CLAIM_COLUMNS)
    (tmp_path / "z.md").write_text("<!-- claimcheck-disable -->\n" + PROSE, encoding="utf-8")
    out = run_cli(["extract", str(tmp_path), "--format", "csv", "-q"])[1]
    rows = out.lstrip("\ufeff").splitlines()
    assert rows[0].split(",")[-1] == "suppressed" and rows[1].endswith(",")


def _ones(tmp_path: Path, shape: str, claims: int) -> tuple[list[str], list[str]]:
    """«1 » × ``claims`` in a shape of run: a Markdown draft, a CSV archive of rows
    of 200, three files of two configurations (see :func:`nested`)."""
    if shape == "md":
        (tmp_path / "ones.md").write_text("1 " * claims, encoding="utf-8")
        return [str(tmp_path / "ones.md")], []
    if shape == "configs":
        (tmp_path / "b").mkdir()
        (tmp_path / ".git").mkdir()
        (tmp_path / "b" / ".claimcheck.toml").write_text('country = "EG"\n', encoding="utf-8")
        paths = [tmp_path / "a.txt", tmp_path / "b" / "x.txt", tmp_path / "c.txt"]
        for path in paths:
            path.write_text("1 " * (claims // 3), encoding="utf-8")
        return [str(tmp_path / "a.txt"), str(tmp_path / "b"), str(tmp_path / "c.txt")], []
    path = tmp_path / "ones.csv"
    path.write_text("body\n" + "".join("1 " * 200 + "\n" for _ in range(claims // 200)), encoding="utf-8")
    return [str(path)], ["--text-column", "body"]


@pytest.mark.parametrize("shape, fmt, claims, bound", [
    ("md", "csv", 40_000, 60), ("md", "jsonl", 40_000, 55), ("archive", "table", 80_000, 60),
    ("configs", "table", 40_000, 55)])
def test_peak_memory_of_each_shape(shape: str, fmt: str, claims: int, bound: int, tmp_path: Path) -> None:
    """``extract`` of «1 » × 40,000 as a Markdown draft (one unit, its findings
    once listed whole): CSV 174 MB, JSON Lines 70 MB; bounded some 40 and 31 MB.
    × 80,000 as a CSV archive of 400 rows: table 84 MB made whole, 39 MB bounded.
    × 40,000 in three files, the middle one in a folder with its own
    configuration: table 76 MB made whole, 36 MB bounded."""
    paths, extra = _ones(tmp_path, shape, claims)
    peak = check_peak_rss_mb(Path(paths[0]), fmt, "extract", *paths[1:], *extra)
    assert peak < bound, f"{shape} {fmt}: peak {peak:.0f} MB"


def test_dask_memory_does_not_grow_with_the_claims(tmp_path: Path) -> None:
    """``--engine dask`` (its local process scheduler) on a CSV archive of «1 » ×
    8,000 and × 80,000: gathered whole, the big run took ~70 MB more; taken
    partition by partition, a few MB (the whole run some 80 MB, no pandas)."""
    pytest.importorskip("dask.dataframe")
    peaks = []
    for claims in (8_000, 80_000):
        folder = tmp_path / str(claims)
        folder.mkdir()
        paths, extra = _ones(folder, "archive", claims)
        peaks.append(check_peak_rss_mb(Path(paths[0]), "table", "extract", *extra, "--engine", "dask"))
    assert peaks[1] - peaks[0] < 25, f"peak memory grew {peaks[1] - peaks[0]:.0f} MB for 72,000 more claims"


@pytest.fixture(scope="module")
def cluster():
    """A scheduler and two workers on loopback, threads of this process (as tests/test_dask.py)."""
    distributed = pytest.importorskip("distributed")
    pytest.importorskip("dask.dataframe")
    local = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                     protocol="tcp", host="127.0.0.1", dashboard_address=None)
    yield local.scheduler.address
    local.close()


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "jsonl"])
def test_dask_partitions_in_order(fmt: str, cluster: str, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """``--engine dask``: the archives cut into many partitions (a few hundred
    bytes each here), rendered where they run and taken in order as they
    complete, give the bytes of the local engine and of the report gathered
    whole; rows numbered across partitions when no id column is named."""
    from claimcheck.run import dask_engine

    monkeypatch.setattr(dask_engine, "PARTITION_BYTES", 600)
    folder = _archive(tmp_path / "archive")
    paths = [str(folder / "b.csv"), str(folder / "c.jsonl")]
    for ids in ([], ["--id-column", "article_id"]):
        args = ["check", *paths, "--text-column", "body", *ids, "--format", fmt, "-q"]
        local = run_cli(args)
        on_dask = _same(monkeypatch, [*args, "--engine", "dask", "--scheduler", cluster])
        assert on_dask == local and on_dask[0] == 1
        if fmt == "jsonl" and not ids:
            numbers = [json.loads(line)["doc_id"] for line in local[1].splitlines() if "b.csv" in line]
            assert numbers[0] == "1" and "12" in numbers and "6" not in numbers  # row 6 is blank
