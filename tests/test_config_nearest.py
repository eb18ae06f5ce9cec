"""Each file follows the configuration nearest above it (as ruff does): two sibling
projects checked in one run from their parent each keep their own country,
ignore globs, rule codes and reference tables; the run's report format, language
and fail_on stay the run's; ``--config`` is every file's; a project root stops
the search. Sentences and tables are written for these tests."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcheck.config import Configs, load

from helpers import run_cli

RIYAL = "دفعت الشركة المشغلة 5 ملايين ريال في عام 2023.\n"
AID = "قدمت بريطانيا 4.3 مليار جنيه إسترليني لسوريا.\n"
HEADER = "id,entity,metric,value,unit,period,qualifier,tolerance,keywords,source\n"
FACT = "f,بريطانيا,مساعدات سوريا,4300000000,GBP,,,,قدمت|مساعدات,written for the test\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def records(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.fixture
def two_projects(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """parent/oman (pyproject.toml) and parent/qatar (.claimcheck.toml), run from parent."""
    write(tmp_path / "oman" / "pyproject.toml",
          '[project]\nname = "oman-desk"\n\n[tool.claimcheck]\ncountry = "OM"\n'
          'ignore = ["drafts/"]\nformat = "csv"\nfail_on = "never"\nreference = ["aid.csv"]\n')
    write(tmp_path / "oman" / "aid.csv", HEADER + FACT.replace("4300000000", "6000000000"))
    write(tmp_path / "oman" / "aid.txt", AID)   # contradicted by oman's table
    write(tmp_path / "oman" / "news.txt", RIYAL)
    write(tmp_path / "oman" / "drafts" / "wip.txt", RIYAL)
    write(tmp_path / "qatar" / ".claimcheck.toml", 'country = "QA"\nignore_rules = ["date"]\n')
    write(tmp_path / "qatar" / "news.txt", RIYAL)
    write(tmp_path / "qatar" / "drafts" / "wip.txt", RIYAL)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_two_sibling_projects_each_follow_their_own_configuration(two_projects: Path) -> None:
    code, out, err = run_cli(["check", "oman", "qatar", "--format", "jsonl", "--fail-on", "never"])
    assert code == 0, err
    got = sorted((r["file"], r["kind"], r["unit"]) for r in records(out) if "aid" not in r["file"])
    assert [(r["verdict"], r["reason"]) for r in records(out) if r["file"] == "oman/aid.txt"] == [
        ("contradicted", "value_mismatch")]
    assert got == [
        ("oman/news.txt", "date", None), ("oman/news.txt", "money", "OMR"),
        # qatar ignores the rule code "date"; its drafts/ are checked, oman's are not
        ("qatar/drafts/wip.txt", "money", "QAR"), ("qatar/news.txt", "money", "QAR"),
    ]


def test_the_report_format_and_fail_on_are_the_runs(two_projects: Path) -> None:
    code, out, _ = run_cli(["extract", "oman"])
    assert code == 0 and "5 ملايين ريال" in out and not out.lstrip("\ufeff").startswith("file,")
    code, _, _ = run_cli(["check", "oman", "-q"])
    assert code == 1   # the run's fail_on (contradicted), not oman's "never"


def test_from_inside_a_project_its_configuration_is_the_runs(two_projects: Path, monkeypatch) -> None:
    monkeypatch.chdir(two_projects / "oman")
    code, out, _ = run_cli(["extract", "."])
    assert code == 0 and out.lstrip("\ufeff").startswith("file,")   # format = "csv" now applies
    code, _, _ = run_cli(["check", ".", "-q"])
    assert code == 0                                                 # and fail_on = "never"


def test_config_flag_is_every_files_configuration(two_projects: Path) -> None:
    write(two_projects / "ci.toml", '[tool.claimcheck]\ncountry = "SA"\n')
    code, out, err = run_cli(["--config", "ci.toml", "extract", "oman", "qatar", "--format", "jsonl"])
    assert code == 0, err
    units = {(r["file"], r["unit"]) for r in records(out) if r["kind"] == "money" and "aid" not in r["file"]}
    assert units == {("oman/news.txt", "SAR"), ("oman/drafts/wip.txt", "SAR"),
                     ("qatar/news.txt", "SAR"), ("qatar/drafts/wip.txt", "SAR")}


def test_the_command_line_wins_over_every_files_configuration(two_projects: Path) -> None:
    code, out, _ = run_cli(["extract", "oman", "qatar", "--country", "SA", "--format", "jsonl"])
    assert code == 0
    assert {r["unit"] for r in records(out) if r["kind"] == "money" and "aid" not in r["file"]} == {"SAR"}


def test_reference_tables_are_relative_to_their_configuration(tmp_path: Path, monkeypatch) -> None:
    write(tmp_path / "uk" / ".claimcheck.toml", 'reference = ["tables/aid.csv"]\n')
    write(tmp_path / "uk" / "tables" / "aid.csv", HEADER + FACT)
    write(tmp_path / "uk" / "a.txt", AID)
    write(tmp_path / "other" / "a.txt", AID)   # no configuration: the bundled tables
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(["check", "uk", "other", "--format", "jsonl", "--fail-on", "never"])
    assert code == 0, err
    verdicts = {r["file"]: (r["verdict"], r["reference_id"]) for r in records(out) if r["kind"] == "money"}
    assert verdicts["uk/a.txt"] == ("supported", "f")
    assert verdicts["other/a.txt"][1] != "f"


def test_a_project_root_stops_the_search(tmp_path: Path, monkeypatch) -> None:
    write(tmp_path / "desk" / ".claimcheck.toml", 'country = "OM"\n')
    write(tmp_path / "desk" / "plain" / "a.txt", RIYAL)
    write(tmp_path / "desk" / "repo" / "a.txt", RIYAL)
    (tmp_path / "desk" / "repo" / ".git").mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    configs = Configs(load())
    assert configs.for_path(str(tmp_path / "desk" / "plain" / "a.txt"))["country"] == "OM"
    # the repository has no configuration of its own: the run's (none here), not desk's
    assert configs.for_path(str(tmp_path / "desk" / "repo" / "a.txt"))["country"] is None
    assert configs.for_path("-") is configs.run


def test_files_are_grouped_by_the_configuration_they_follow(two_projects: Path) -> None:
    configs = Configs(load())
    files = ["oman/news.txt", "qatar/news.txt", "oman/drafts/wip.txt", "-"]  # as folders expand
    groups = configs.group(files)
    assert [(c["country"], fs) for c, fs in groups] == [
        ("OM", ["oman/news.txt", "oman/drafts/wip.txt"]), ("QA", ["qatar/news.txt"]), (None, ["-"])]
    assert groups[0][0].is_ignored("oman/drafts/wip.txt")
    assert not groups[1][0].is_ignored("qatar/drafts/wip.txt")


def test_config_command_shows_the_configuration_a_path_follows(two_projects: Path) -> None:
    code, out, _ = run_cli(["config", "qatar/news.txt"])
    assert code == 0 and 'country = "QA"' in out and ".claimcheck.toml" in out.splitlines()[0]
    code, out, _ = run_cli(["config"])
    assert code == 0 and out.startswith("# configuration file: none found")
