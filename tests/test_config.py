"""Configuration discovery, validation and precedence."""
from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.config import load
from claimcheck.errors import ConfigError


def test_defaults_when_nothing_is_found(tmp_path):
    c = load(tmp_path)
    assert c.path is None
    assert c["fail_on"] == "contradicted" and c["approximation"] == 0.1 and c["format"] == "table"
    assert all(s.source == "default" for s in c.settings.values())


def test_walks_up_and_prefers_claimcheck_toml(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.claimcheck]\ncountry = "JO"\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert load(deep)["country"] == "JO"
    (tmp_path / "a" / ".claimcheck.toml").write_text('country = "eg"\n')
    c = load(deep)
    assert c["country"] == "EG" and c.path == (tmp_path / "a" / ".claimcheck.toml").resolve()


def test_pyproject_without_table_is_passed_over(tmp_path):
    (tmp_path / ".claimcheck.toml").write_text('lang = "ar"\n')
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert load(tmp_path / "sub")["lang"] == "ar"


def test_reference_paths_are_relative_to_the_file(tmp_path):
    (tmp_path / ".claimcheck.toml").write_text('reference = "facts"\n')
    (tmp_path / "x").mkdir()
    assert load(tmp_path / "x")["reference"] == [str((tmp_path / "facts").resolve())]


@pytest.mark.parametrize("body, word", [
    ('fail_on = "sometimes"', "fail_on"),
    ("approximation = 1.5", "approximation"),
    ('approximation = "ten"', "approximation"),
    ('country = "Egypt"', "country"),
    ('lang = "fr"', "lang"),
    ("ignore = [1]", "ignore"),
    ('format = "pdf"', "format"),
    ('colour = "red"', "unknown key"),
    ("fail_on = ", "invalid TOML"),
])
def test_invalid_values_name_the_file_and_key(tmp_path, body, word):
    (tmp_path / ".claimcheck.toml").write_text(body + "\n")
    with pytest.raises(ConfigError) as e:
        load(tmp_path)
    assert word in str(e.value) and ".claimcheck.toml" in str(e.value)


def test_command_line_wins_and_says_so(tmp_path):
    (tmp_path / ".claimcheck.toml").write_text('fail_on = "unverifiable"\nformat = "csv"\n')
    c = load(tmp_path).override(fail_on="never", format=None)
    assert c["fail_on"] == "never" and c.settings["fail_on"].source == "command line"
    assert c["format"] == "csv" and c.settings["format"].source.endswith(".claimcheck.toml")
    text = c.describe()
    assert 'fail_on = "never"    # command line' in text


def test_ignore_globs(tmp_path):
    (tmp_path / ".claimcheck.toml").write_text('ignore = ["archive/**", "*.draft.md"]\n')
    c = load(tmp_path)
    assert c.is_ignored(str(tmp_path / "archive" / "2020" / "a.md"))
    assert c.is_ignored(str(tmp_path / "news" / "b.draft.md"))
    assert not c.is_ignored(str(tmp_path / "news" / "b.md"))
    assert not c.is_ignored("-")


def test_explicit_path(tmp_path):
    cfg = tmp_path / "custom.toml"
    cfg.write_text('[tool.claimcheck]\nlang = "ar"\n')
    assert load(path=cfg)["lang"] == "ar"
    assert Path(load(path=cfg).path) == cfg.resolve()
