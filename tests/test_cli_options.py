"""Command-line options that tune the reading: --country, --approximation (they win over config)."""
from __future__ import annotations

import json

from click.testing import CliRunner

from helpers import invoke


def _run(args: list[str], stdin: str) -> tuple[int, str, str]:
    r = invoke(args, input=stdin.encode("utf-8"))
    return r.exit_code, r.stdout, r.stderr


def test_country_settles_a_bare_dinar() -> None:
    code, out, _ = _run(["extract", "-", "--country", "IQ", "--format", "jsonl"], "دفع 200 دينار\n")
    assert code == 0
    rec = json.loads(out)
    assert (rec["unit"], rec["currency_assumed"]) == ("IQD", False)


def test_without_country_the_default_is_assumed() -> None:
    code, out, _ = _run(["extract", "-", "--format", "jsonl"], "دفع 200 دينار\n")
    assert code == 0
    rec = json.loads(out)
    assert (rec["unit"], rec["currency_assumed"]) == ("KWD", True)


def test_country_in_config_and_cli_wins(tmp_path, monkeypatch) -> None:
    (tmp_path / ".claimcheck.toml").write_text('country = "JO"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = _run(["extract", "-", "--format", "jsonl"], "دفع 200 دينار\n")
    assert json.loads(out)["unit"] == "JOD"
    code, out, _ = _run(["extract", "-", "--country", "BH", "--format", "jsonl"], "دفع 200 دينار\n")
    assert code == 0 and json.loads(out)["unit"] == "BHD"


def test_bad_country_is_a_usage_error() -> None:
    code, _, err = _run(["extract", "-", "--country", "Iraq"], "دفع 200 دينار\n")
    assert code == 2
    assert err.startswith("error:") and "Traceback" not in err


def test_approximation_changes_the_verdict() -> None:
    text = "يضم التحالف الدولي ضد داعش نحو 80 شريكًا.\n"
    # 87 partners: «نحو 80» is within 10 % but not within 5 %
    code, out, _ = _run(["check", "-", "--format", "jsonl", "--fail-on", "never"], text)
    assert code == 0 and json.loads(out)["reason"] == "within_approximation"
    code, out, _ = _run(["check", "-", "--format", "jsonl", "--fail-on", "never",
                         "--approximation", "5%"], text)
    assert code == 0 and json.loads(out)["verdict"] == "contradicted"


def test_bad_approximation_is_a_usage_error() -> None:
    code, _, err = _run(["check", "-", "--approximation", "abc"], "نص\n")
    assert code == 2 and err.startswith("error:")

def test_check_freezes_its_tables_for_the_run_and_leaves_no_trace(tmp_path, monkeypatch):
    # the tables and the language data are frozen out of the cyclic collector
    # while the command runs, and thawed when it ends (in-process runs, tests)
    import gc

    from claimcheck.cli import cli

    seen = []
    real = gc.freeze

    def freeze():
        real()
        seen.append(gc.get_freeze_count())

    monkeypatch.setattr(gc, "freeze", freeze)
    doc = tmp_path / "a.txt"
    doc.write_text("شارك 87 شريكًا في التحالف الدولي.\n", encoding="utf-8")
    before = gc.get_freeze_count()
    result = CliRunner().invoke(cli, ["check", str(doc), "--fail-on", "never", "-q"])
    assert result.exit_code == 0, result.output
    assert seen and seen[0] > before
    assert gc.get_freeze_count() == 0
