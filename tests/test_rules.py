"""Rules to choose (issue 16, "Every year is a finding"): --select/--ignore by reason
and kind on the command line, in the configuration and in suppression comments;
unknown codes and misspelt directives are errors; what fails a run by default."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcheck.report.policy import CODES, Policy

from claimfactory import claim_in
from helpers import invoke

HEADER = "id,entity,metric,value,unit,period,qualifier,tolerance,keywords,source\n"
# a fact for 2024 only, so a 2016 figure of it is period_not_covered
FACTS = HEADER + "p,التحالف,عدد الشركاء,87,,2024,,,شريك|شريكا|شركاء,src\n"
ARTICLE = "في عام 2016 ضم التحالف 68 شريكًا.\n"          # a year (no_reference), a count (period)
YEAR_ONLY = "وُلد الكاتب في عام 1950 في القاهرة.\n"


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "facts.csv").write_text(FACTS, encoding="utf-8")

    def run_(*args: str):
        """Through cli.main, so exit codes and error lines are the real ones."""
        return invoke(args)
    return run_


def records(result) -> list[dict]:
    return [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return path.name


def test_a_year_with_no_table_does_not_fail_unverifiable(run, tmp_path):
    write(tmp_path / "a.txt", YEAR_ONLY)
    result = run("check", "a.txt", "-r", "facts.csv", "--fail-on", "unverifiable", "--format", "jsonl")
    assert [(r["kind"], r["reason"]) for r in records(result)] == [("date", "no_reference")]
    assert result.exit_code == 0                 # reported, but a gap in the tables fails nothing
    named = run("check", "a.txt", "-r", "facts.csv", "--fail-on", "unverifiable", "--select", "no_reference",
                "-q")
    assert named.exit_code == 1                  # opted in by name: it fails


def test_a_fact_for_another_period_fails_unverifiable(run, tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    result = run("check", "a.txt", "-r", "facts.csv", "--fail-on", "unverifiable", "--format", "jsonl")
    reasons = {r["text"]: r["reason"] for r in records(result)}
    assert reasons == {"في عام 2016": "no_reference", "68 شريكًا": "period_not_covered"}
    assert result.exit_code == 1
    assert run("check", "a.txt", "-r", "facts.csv", "-q").exit_code == 0   # default: contradicted only


@pytest.mark.parametrize("args,texts", [
    (["--ignore", "date"], ["68 شريكًا"]),
    (["--ignore", "no_reference"], ["68 شريكًا"]),
    (["--select", "period_not_covered"], ["68 شريكًا"]),
    (["--select", "date"], ["في عام 2016"]),
    (["--select", "unverifiable", "--ignore", "number"], ["في عام 2016"]),
    (["--select", "date,number"], ["في عام 2016", "68 شريكًا"]),
])
def test_select_and_ignore_on_the_command_line(run, tmp_path, args, texts):
    write(tmp_path / "a.txt", ARTICLE)
    result = run("check", "a.txt", "-r", "facts.csv", "--format", "jsonl", *args)
    assert [r["text"] for r in records(result)] == texts


def test_select_and_ignore_in_the_configuration(run, tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    (tmp_path / ".claimcheck.toml").write_text('ignore_rules = ["date"]\nfail_on = "unverifiable"\n',
                                               encoding="utf-8")
    result = run("check", "a.txt", "-r", "facts.csv", "--format", "jsonl")
    assert [r["text"] for r in records(result)] == ["68 شريكًا"] and result.exit_code == 1
    (tmp_path / ".claimcheck.toml").write_text('select = ["date"]\n', encoding="utf-8")
    assert [r["text"] for r in records(run("check", "a.txt", "-r", "facts.csv", "--format", "jsonl"))] == \
        ["في عام 2016"]


@pytest.mark.parametrize("args", [["--ignore", "no_referense"], ["--select", "value_mismatch,dates"]])
def test_unknown_codes_are_errors(run, tmp_path, args):
    write(tmp_path / "a.txt", ARTICLE)
    result = run("check", "a.txt", "-r", "facts.csv", *args)
    assert result.exit_code == 2
    assert "error:" in result.output and "unknown code" in result.output


def test_unknown_code_in_the_configuration_is_an_error(run, tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    (tmp_path / ".claimcheck.toml").write_text('ignore_rules = ["yaer"]\n', encoding="utf-8")
    result = run("check", "a.txt", "-r", "facts.csv")
    assert result.exit_code == 2 and "yaer" in result.output


def test_suppression_comment_with_codes(run, tmp_path):
    write(tmp_path / "d.md", "<!-- claimcheck-disable-next-line no_reference -->\n" + ARTICLE)
    result = run("check", "d.md", "-r", "facts.csv", "--format", "jsonl")
    marks = {r["text"]: r.get("suppressed") for r in records(result)}
    assert marks == {"في عام 2016": "comment", "68 شريكًا": None}   # only the named reason is silenced
    block = ("<!-- claimcheck-disable date, number -->\n" + ARTICLE + "<!-- claimcheck-enable -->\n"
             + ARTICLE)
    write(tmp_path / "e.md", block)
    marks = [r.get("suppressed") for r in records(run("check", "e.md", "-r", "facts.csv", "--format",
                                                      "jsonl"))]
    assert marks == ["comment", "comment", None, None]


@pytest.mark.parametrize("comment,message", [
    ("<!-- claimcheck-disable-nextline -->", "unknown directive"),
    ("<!-- claimcheck-disabel -->", "unknown directive"),
    ("<!-- claimcheck-disable-next-line no_referense -->", "unknown code no_referense"),
    ("<!-- claimcheck-enable date -->", "takes no codes"),
])
def test_misspelt_directives_are_errors(run, tmp_path, comment, message):
    write(tmp_path / "d.md", "نص\n" + comment + "\n" + ARTICLE)
    result = run("check", "d.md", "-r", "facts.csv")
    assert result.exit_code == 2
    assert "d.md: line 2:" in result.output and message in result.output


def test_other_html_comments_are_left_alone(run, tmp_path):
    write(tmp_path / "d.md", "<!-- note for the desk: claim check later -->\n" + ARTICLE)
    assert run("check", "d.md", "-r", "facts.csv", "-q").exit_code == 0


def test_policy_codes_cover_reasons_kinds_and_verdicts():
    assert {"no_reference", "value_mismatch", "date", "money", "unverifiable"} <= CODES
    doc = "في عام 2016 ضم التحالف 68 شريكًا."
    c = claim_in(doc, "68 شريكًا", "number", "68")
    assert Policy.parse(ignore="number").reported(c) is False
    assert Policy.parse(select="date").reported(c) is False
    assert Policy().reported(c) is True


CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news.txt"


@pytest.mark.skipif(not CORPUS.exists(), reason="no shared corpus")
def test_corpus_articles_fail_only_on_what_an_editor_acts_on(run, tmp_path):
    """A folder of real articles against the bundled tables, --fail-on unverifiable:
    the run fails exactly when a finding points at something a table holds (a
    contradiction, another period, units, a rate, two facts); the figures no table
    is about (no_reference: years, counts in passing) are reported, not failed on."""
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    with CORPUS.open(encoding="utf-8") as fh:
        for n, line in zip(range(25), fh, strict=False):
            (drafts / f"a{n:02d}.txt").write_text(line, encoding="utf-8")
    result = run("check", "drafts", "--fail-on", "unverifiable", "--format", "jsonl")
    found = records(result)
    assert found and any(r["reason"] == "no_reference" for r in found)
    acts = [r for r in found if r["verdict"] == "contradicted"
            or (r["verdict"] == "unverifiable" and r["reason"] != "no_reference")]
    assert result.exit_code == (1 if acts else 0)
    strict = run("check", "drafts", "--fail-on", "unverifiable", "--select", "no_reference", "-q")
    assert strict.exit_code == 1          # the old behaviour, on request: every article fails
