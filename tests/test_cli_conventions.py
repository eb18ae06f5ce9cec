"""CLI conventions (issue 16): format from the -o suffix, --config anywhere, explicit
files never silently ignored, .gitignore globs, --color with NO_COLOR/FORCE_COLOR."""
from __future__ import annotations

import pytest

from helpers import invoke

YEAR = "في عام 2023 بلغ عدد الشركاء 87 شريكًا.\n"


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    return lambda *args, env=None: invoke(args, env=env)


@pytest.mark.parametrize("name,starts", [("r.csv", b"\xef\xbb\xbffile,line"), ("r.json", b"[\n  {"),
                                         ("r.html", b"<!DOCTYPE html>"), ("r.xlsx", b"PK"),
                                         ("r.sarif", b'{\n  "$schema"'), ("r.md", b"## claimcheck")],
                         ids=["csv", "json", "html", "xlsx", "sarif", "md"])
def test_format_from_the_output_suffix(run, tmp_path, name, starts):
    (tmp_path / "a.txt").write_text(YEAR, encoding="utf-8")
    result = run("check", "a.txt", "-o", name, "-q", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    assert (tmp_path / name).read_bytes().startswith(starts)


def test_config_before_or_after_the_subcommand(run, tmp_path):
    (tmp_path / "a.txt").write_text(YEAR, encoding="utf-8")
    (tmp_path / "cc.toml").write_text('format = "jsonl"\nfail_on = "never"\n', encoding="utf-8")
    before = run("--config", "cc.toml", "check", "a.txt")
    after = run("check", "a.txt", "--config", "cc.toml")
    assert before.exit_code == after.exit_code == 0
    assert before.output == after.output and before.output.startswith('{"file": "a.txt"')


def test_named_files_are_read_and_globs_follow_gitignore(run, tmp_path):
    (tmp_path / ".claimcheck.toml").write_text('ignore = ["docs/*.md"]\nformat = "jsonl"\n', encoding="utf-8")
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    for f in ("docs/a.md", "docs/sub/b.md", "c.md"):
        (tmp_path / f).write_text(YEAR, encoding="utf-8")
    files = {line.split('"')[3] for line in run("check", ".", "--fail-on", "never").output.splitlines()}
    assert files == {"c.md", "docs/sub/b.md"}                 # docs/*.md is not docs/sub/*.md
    named = run("check", "docs/a.md", "--fail-on", "never")
    assert named.exit_code == 0 and '"file": "docs/a.md"' in named.output   # never silently skipped


@pytest.mark.parametrize("args,env,coloured", [
    (["--color", "always"], {}, True),
    (["--color", "never"], {"FORCE_COLOR": "1"}, False),
    ([], {"FORCE_COLOR": "1"}, True),
    ([], {"NO_COLOR": "1"}, False),
    ([], {}, False),                                           # not a terminal
], ids=["always", "never-beats-FORCE_COLOR", "FORCE_COLOR", "NO_COLOR", "auto-pipe"])
def test_color_option_and_environment(run, tmp_path, args, env, coloured):
    (tmp_path / "a.txt").write_text(YEAR, encoding="utf-8")
    out = run("check", "a.txt", "--fail-on", "never", *args, env=env).output
    assert ("\x1b[" in out) is coloured


def test_shell_completion_script(run):
    result = run(env={"_CLAIMCHECK_COMPLETE": "bash_source"})
    assert "complete" in result.output and "_CLAIMCHECK_COMPLETE" in result.output
