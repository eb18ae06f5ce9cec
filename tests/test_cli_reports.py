"""The CLI's report plumbing: formats, --fail-on, baselines, suppressions, config.

Exit codes go through ``claimcheck.cli.main`` (the only place errors become
``error:`` lines and code 2), invoked with click's CliRunner. Verdicts come
from a stand-in checker registered as a command for the test, so these tests
pin the plumbing and do not move when the engine or the reference data change.
"""
from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import click
import pytest

from claimcheck import cli as cli_module
from claimcheck.model import CheckedClaim, Claim, Kind, Reason, Verdict

from helpers import invoke

# Stand-in verdicts: 1xx contradicted, 2xx unverifiable (a fact for another period:
# fails --fail-on unverifiable; no_reference fails only when selected), anything
# else supported.
VERDICTS = {"1": (Verdict.CONTRADICTED, Reason.VALUE_MISMATCH),
            "2": (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED)}


def fake_check(text: str, file: str) -> list[CheckedClaim]:
    out = []
    for m in re.finditer(r"\d+", text):
        line = text.count("\n", 0, m.start()) + 1
        col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        line_text = text.splitlines()[line - 1]
        claim = Claim(file, line, col, m.start(), m.end(), m.group(), Kind.NUMBER,
                      Decimal(m.group()), sentence=line_text.strip())
        verdict, reason = VERDICTS.get(m.group()[0], (Verdict.SUPPORTED, Reason.EXACT))
        if len(m.group()) != 3:
            verdict, reason = Verdict.SUPPORTED, Reason.EXACT
        out.append(CheckedClaim(claim, verdict, reason, explanation=f"says {m.group()}"))
    return out


@click.command("fake-check")
@click.argument("paths", nargs=-1, required=True)
@cli_module.report_options
@click.option("--fail-on", type=click.Choice(["contradicted", "unverifiable", "never"]), default=None)
@click.pass_context
def fake_check_command(ctx, paths, fmt, output, baseline, write_baseline, quiet, fail_on):
    configs = cli_module._configs(ctx, format=fmt or cli_module.format_for(output), fail_on=fail_on)
    cli_module._run(ctx, paths, configs, lambda config: fake_check, output=output, baseline=baseline,
                    write_baseline=write_baseline, quiet=quiet, checked=True)


@pytest.fixture(autouse=True)
def registered():
    cli_module.cli.add_command(fake_check_command)
    yield
    cli_module.cli.commands.pop("fake-check", None)


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)

    def run_(*args: str, input: str | None = None):
        return invoke(args, input=input)
    return run_


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path.name)


# --- exit codes and --fail-on ----------------------------------------------------

@pytest.mark.parametrize("text, fail_on, code", [
    ("بلغ 150 ألفا\n", None, 1),               # contradicted fails by default
    ("بلغ 250 ألفا\n", None, 0),               # unverifiable does not, by default
    ("بلغ 250 ألفا\n", "unverifiable", 1),
    ("بلغ 150 ألفا\n", "never", 0),
    ("بلغ 350 ألفا\n", "unverifiable", 0),     # supported never fails
], ids=["contradicted-default", "unverifiable-default", "unverifiable-level", "never", "supported"])
def test_fail_on_levels(run, tmp_path, text, fail_on, code):
    f = write(tmp_path / "a.txt", text)
    args = ["fake-check", f, "--format", "jsonl"] + (["--fail-on", fail_on] if fail_on else [])
    result = run(*args)
    assert result.exit_code == code, result.output


def test_fail_on_from_config_and_command_line_wins(run, tmp_path):
    f = write(tmp_path / "a.txt", "بلغ 250 ألفا\n")
    (tmp_path / ".claimcheck.toml").write_text('fail_on = "unverifiable"\n', encoding="utf-8")
    assert run("fake-check", f, "-q").exit_code == 1
    assert run("fake-check", f, "-q", "--fail-on", "never").exit_code == 0


def test_invalid_config_is_exit_2_with_one_line(run, tmp_path):
    f = write(tmp_path / "a.txt", "بلغ 250 ألفا\n")
    (tmp_path / ".claimcheck.toml").write_text('fail_on = "sometimes"\n', encoding="utf-8")
    result = run("fake-check", f)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "fail_on" in lines[0]


def test_missing_path_is_exit_2(run):
    result = run("fake-check", "nope.md")
    assert result.exit_code == 2
    assert result.output.startswith("error:")


def test_config_command_shows_sources(run, tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.claimcheck]\ncountry = "eg"\napproximation = "5%"\n', encoding="utf-8")
    result = run("config")
    assert result.exit_code == 0
    assert re.search(r'country = "EG"\s+# .*pyproject.toml \[tool.claimcheck\]', result.output)
    assert re.search(r"approximation = 0.05\s+#", result.output)
    assert re.search(r'fail_on = "contradicted"\s+# default', result.output)


def test_ignore_globs_from_config(run, tmp_path):
    (tmp_path / "drafts").mkdir()
    write(tmp_path / "drafts" / "keep.md", "بلغ 150\n")
    write(tmp_path / "drafts" / "old.draft.md", "بلغ 150\n")
    (tmp_path / ".claimcheck.toml").write_text('ignore = ["*.draft.md"]\n', encoding="utf-8")
    result = run("fake-check", "drafts", "--format", "jsonl")
    assert result.exit_code == 1
    files = {json.loads(line)["file"] for line in result.output.splitlines()}
    assert files == {str(Path("drafts") / "keep.md")}


# --- suppressions -------------------------------------------------------------------

DRAFT = """---
title: 199 عنوان
---
في السطر 150 خطأ.

```
كود 160
```

<!-- claimcheck-disable-next-line -->
مكتوم 170.
<!-- claimcheck-disable -->
مكتوم 180.
مكتوم 181.
<!-- claimcheck-enable -->
انظر `190` و https://example.org/195 ثم 333.
"""


def plain(text: str) -> str:
    """Terminal text without the bidi isolates around runs of the other script."""
    return text.replace("\u2068", "").replace("\u2069", "")


def test_markdown_masking_and_suppression_counts(run, tmp_path):
    f = write(tmp_path / "draft.md", DRAFT)
    result = run("fake-check", f, "--format", "jsonl")
    assert result.exit_code == 1  # 150 is contradicted
    records = [json.loads(line) for line in result.output.splitlines()]
    # front matter, code, inline code, URL blanked; 3 suppressed, carried and marked
    assert [r["text"] for r in records if "suppressed" not in r] == ["150", "333"]
    assert [r["suppressed"] for r in records if "suppressed" in r] == ["comment"] * 3
    table = run("fake-check", f)
    assert table.exit_code == 1
    assert "مكتوم بتعليق: 3" in plain(table.output)


def test_suppressed_only_findings_pass(run, tmp_path):
    f = write(tmp_path / "d.md", "<!-- claimcheck-disable-next-line -->\nخطأ 150\n")
    result = run("fake-check", f, "--format", "json")
    assert result.exit_code == 0
    assert [r["suppressed"] for r in json.loads(result.output)] == ["comment"]


def test_claim_offsets_point_into_the_original(run, tmp_path):
    f = write(tmp_path / "d.md", "`x` نص 150 [رابط](https://a.b/1) بعد 160\n")
    result = run("fake-check", f, "--format", "jsonl")
    assert result.exit_code == 1
    original = (tmp_path / "d.md").read_text(encoding="utf-8")
    for line in result.output.splitlines():
        rec = json.loads(line)
        assert original[rec["start"]:rec["end"]] == rec["text"]
        # The sentence as written: the engine saw blanks, the report shows the link.
        assert rec["sentence"] == "نص 150 [رابط](https://a.b/1) بعد 160"


# --- baselines ----------------------------------------------------------------------

def test_baseline_reports_only_new_findings(run, tmp_path):
    article = tmp_path / "a.md"
    write(article, "السطر الأول 150.\nالسطر الثاني 250.\n")
    result = run("fake-check", "a.md", "--write-baseline", "base.json", "-q")
    assert result.exit_code == 0  # writing a baseline accepts today's findings
    base = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))
    assert [f["text"] for f in base["findings"]] == ["150", "250"] or \
        sorted(f["text"] for f in base["findings"]) == ["150", "250"]
    assert run("fake-check", "a.md", "--baseline", "base.json").exit_code == 0

    # Lines move, the known findings stay known; a new one fails.
    write(article, "مقدمة جديدة.\n\nالسطر الأول 150.\nالسطر الثاني 250.\nجديد 140.\n")
    result = run("fake-check", "a.md", "--baseline", "base.json", "--format", "jsonl")
    assert result.exit_code == 1
    records = [json.loads(x) for x in result.output.splitlines()]
    assert [r["text"] for r in records if "suppressed" not in r] == ["140"]
    assert sorted(r["text"] for r in records if r.get("suppressed") == "baseline") == ["150", "250"]
    table = run("fake-check", "a.md", "--baseline", "base.json")
    assert "معروف من خط الأساس: 2" in plain(table.output)
    assert "ملف واحد" in plain(table.output)           # the file read is counted


def test_bad_baseline_is_exit_2(run, tmp_path):
    write(tmp_path / "a.md", "150\n")
    (tmp_path / "base.json").write_text("{not json", encoding="utf-8")
    result = run("fake-check", "a.md", "--baseline", "base.json")
    assert result.exit_code == 2
    assert result.output.startswith("error:") and "baseline" in result.output


# --- formats through the CLI ------------------------------------------------------------

def test_csv_formula_injection_through_cli(run, tmp_path):
    write(tmp_path / "a.txt", "=HYPERLINK(x) قال 150\n+SUM 250\n")
    result = run("fake-check", "a.txt", "--format", "csv", "-o", "out.csv")
    assert result.exit_code == 1
    raw = (tmp_path / "out.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["sentence"] for r in rows] == ["'=HYPERLINK(x) قال 150", "'+SUM 250"]
    assert [r["value"] for r in rows] == ["150", "250"]


def test_github_format_and_step_summary(run, tmp_path, monkeypatch):
    write(tmp_path / "a, b.md", "قال: 150\n:: 250\n")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run("fake-check", "a, b.md", "--format", "github", "--fail-on", "unverifiable")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("::error file=a%2C b.md,line=1,col=6,")
    assert lines[1].startswith("::warning file=a%2C b.md,line=2,col=4,")
    assert "## claimcheck" in summary.read_text(encoding="utf-8")


def test_html_output_file(run, tmp_path):
    write(tmp_path / "a.md", "<script>alert(x)</script> قال 150\n")
    result = run("fake-check", "a.md", "--format", "html", "-o", "r.html")
    assert result.exit_code == 1
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and page.count("<script>") == 1  # only the report's own
    assert page.count('<mark class="claim') == 1


def test_xlsx_needs_output_on_a_tty_but_writes_to_a_file(run, tmp_path):
    write(tmp_path / "a.txt", "قال 150\n")
    result = run("fake-check", "a.txt", "--format", "xlsx", "-o", "r.xlsx")
    assert result.exit_code == 1
    assert (tmp_path / "r.xlsx").read_bytes()[:2] == b"PK"


def test_extract_every_format(run, tmp_path):
    write(tmp_path / "a.txt", "دربت أكثر من 120 ألف فرد منذ عام 2014.\n")
    from claimcheck.report import FORMATS
    for fmt in FORMATS:
        result = run("extract", "a.txt", "--format", fmt, "-o", f"out.{fmt}")
        assert result.exit_code == 0, (fmt, result.output)
        assert (tmp_path / f"out.{fmt}").stat().st_size > 0


# --- progress ----------------------------------------------------------------------

class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_draws_on_a_tty_only():
    from claimcheck.run.progress import Progress

    ticks = iter(range(100))
    tty = _Tty()
    with Progress(2, stream=tty, clock=lambda: next(ticks)) as bar:
        bar.advance(claims=5)
        bar.advance(claims=3)
    assert "2/2 files" in tty.getvalue() and "claims/s" in tty.getvalue()
    assert tty.getvalue().endswith("\r")  # the bar (tqdm) is cleared at the end
    quiet = _Tty()
    with Progress(2, stream=quiet, quiet=True) as bar:
        bar.advance(claims=1)
    pipe = io.StringIO()
    with Progress(2, stream=pipe) as bar:
        bar.advance(claims=1)
    assert quiet.getvalue() == pipe.getvalue() == ""


def test_reports_are_byte_identical_across_runs(run, tmp_path):
    write(tmp_path / "a.md", "قال 150 و250 و350\n")
    for fmt in ("csv", "xlsx", "html", "sarif", "json"):
        assert run("fake-check", "a.md", "--format", fmt, "-o", f"1.{fmt}").exit_code == 1
        assert run("fake-check", "a.md", "--format", fmt, "-o", f"2.{fmt}").exit_code == 1
        assert (tmp_path / f"1.{fmt}").read_bytes() == (tmp_path / f"2.{fmt}").read_bytes(), fmt
