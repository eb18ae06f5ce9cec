"""Helpers shared by the test files: the case tables of tests/cases/ and the two
ways a test runs the command line (in process through ``cli.main``, or as a
real ``python -m claimcheck.cli`` process).

Imported as ``from helpers import …`` (pytest puts tests/ on the path, as for
``_articles`` and ``claimfactory``).
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import tomllib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from claimcheck import cli as cli_module

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
CASES_DIR = TESTS / "cases"


# ------------------------------------------------------------------ case tables


def load_cases(name: str) -> list[dict[str, Any]]:
    """The ``[[case]]`` tables of ``tests/cases/NAME.toml`` (NAME may hold a subfolder)."""
    return tomllib.loads((CASES_DIR / f"{name}.toml").read_text("utf-8"))["case"]


def case_params(cases: Iterable[dict[str, Any]]) -> list[Any]:
    """One ``pytest.param`` a case, its ``id`` the test id; a case with an ``xfail``
    key is a strict xfail giving that reason (it fails the run the day it passes)."""
    return [pytest.param(c, id=c["id"],
                         marks=[pytest.mark.xfail(reason=c["xfail"], strict=True)] if "xfail" in c else [])
            for c in cases]


def case_text(case: dict[str, Any], filler: str) -> str:
    """The case's ``text``; or its ``lines``, each one article of a one-per-line
    archive, padded with ``filler`` (a sentence about nothing in the tables) to an
    article's length."""
    if "lines" in case:
        return "\n".join(line + filler * (1 + 1000 // len(filler)) for line in case["lines"])
    return case["text"]


def assert_verdict(case: dict[str, Any], results: Sequence[Any]) -> None:
    """Exactly one result is the case's ``claim``, with its ``verdict``, ``reason``
    and ``reference`` (absent: no fact)."""
    hits = [r for r in results if r.claim.text == case["claim"]]
    assert len(hits) == 1, [r.claim.text for r in results]
    r = hits[0]
    got = (r.verdict.value, r.reason.value, r.reference_id)
    assert got == (case["verdict"], case["reason"], case.get("reference")), r.explanation


def referenced_ids(cases: Iterable[dict[str, Any]]) -> set[str]:
    """The fact ids the cases expect (to assert each exists in the tables)."""
    return {c["reference"] for c in cases if "reference" in c}


# ------------------------------------------------------------- the command line


@click.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
               add_help_option=False)
@click.pass_context
def main_entry(ctx: click.Context) -> None:
    """Route CliRunner through ``cli.main``: the one place errors become ``error:``
    lines and exit 2, so exit codes are the real ones."""
    cli_module.main(list(ctx.args))


def invoke(args: Sequence[str], **kwargs: Any) -> Result:
    """``claimcheck ARGS`` in process through ``cli.main``; kwargs go to ``CliRunner.invoke``."""
    return CliRunner().invoke(main_entry, list(args), **kwargs)


def run_cli(args: Sequence[str]) -> tuple[int, str, str]:
    """``claimcheck ARGS`` in process through ``cli.main``: (code, stdout, stderr)."""
    r = invoke(args)
    return r.exit_code, r.stdout, r.stderr


def cli_process(args: Sequence[str], cwd: Path, stdin: bytes = b"", env: dict[str, str] | None = None,
                timeout: float = 120, errors: str = "replace") -> tuple[int, bytes, str]:
    """``python -m claimcheck.cli ARGS`` as a real process in ``cwd`` (NO_COLOR,
    this checkout first on the path, ``env`` added): (code, stdout bytes, stderr
    decoded from UTF-8 with ``errors``: "strict" asserts it is UTF-8)."""
    environ = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1", **(env or {}))
    proc = subprocess.run([sys.executable, "-m", "claimcheck.cli", *args], cwd=cwd, env=environ,
                          input=stdin, capture_output=True, timeout=timeout, check=False)
    return proc.returncode, proc.stdout, proc.stderr.decode("utf-8", errors)


def error_lines(stderr: str) -> list[str]:
    """The ``error:`` lines of a run that must not have crashed (no traceback)."""
    assert "Traceback" not in stderr, stderr
    return [line for line in stderr.splitlines() if line.startswith("error:")]


# Peak resident memory of a real `claimcheck check` run, read from the OS
# (ru_maxrss of a child process; kilobytes on Linux).
_MEASURE = textwrap.dedent("""
    import resource, subprocess, sys
    subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
    print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
""")


def check_peak_rss_mb(path: Path, fmt: str, command: str = "check", *extra: str) -> float:
    """Peak resident memory (MB) of ``claimcheck check PATH --format FMT`` on one core
    (or of ``extract`` with ``command="extract"``; ``extra``: more options)."""
    fail_on = ["--fail-on", "never"] if command == "check" else []
    out = subprocess.run([sys.executable, "-c", _MEASURE, sys.executable, "-m", "claimcheck.cli",
                          command, str(path), "--format", fmt, "--jobs", "1", "--quiet", *fail_on, *extra],
                         capture_output=True, text=True, timeout=600, cwd=ROOT, check=True)
    return int(out.stdout.split()[-1]) / 1024


def drafts_folder(folder: Path, draft: str) -> Path:
    """A folder of drafts whose report order is not the order they were written
    in: b.txt (the draft three times), a.txt (once), c.txt (no figure), d.txt
    (empty)."""
    folder.mkdir()
    (folder / "b.txt").write_text(draft * 3, encoding="utf-8")
    (folder / "a.txt").write_text(draft, encoding="utf-8")
    (folder / "c.txt").write_text("لا أرقام في هذا النص.\n", encoding="utf-8")
    (folder / "d.txt").write_text("", encoding="utf-8")
    return folder


def corpus_slice(folder: Path, corpus: Path, step: int = 1) -> list[Path]:
    """The corpus's first 150 lines in two files of ``folder``: a.txt (30 lines)
    and b.txt (the rest, over 300,000 characters: several chunks of 260,000).
    ``step`` 2 keeps every other line (an earlier version of the same copy)."""
    with corpus.open(encoding="utf-8") as f:
        lines = [f.readline() for _ in range(150)]
    files = [folder / "a.txt", folder / "b.txt"]
    files[0].write_text("".join(lines[:30:step]), encoding="utf-8")
    files[1].write_text("".join(lines[30::step]), encoding="utf-8")
    assert step > 1 or files[1].stat().st_size > 300_000
    return files


def run_whole(monkeypatch: pytest.MonkeyPatch, args: Sequence[str]) -> tuple[int, str, str]:
    """The CLI run with its report made whole (``render``, ``Baseline.split``,
    ``dump``): the oracle the bounded reports are compared with."""
    with monkeypatch.context() as m:
        m.setattr(cli_module, "_can_stream", lambda *a, **k: None)
        return run_cli(args)


def run_bounded(monkeypatch: pytest.MonkeyPatch, args: Sequence[str]) -> tuple[int, str, str]:
    """The CLI run as it goes now, failing if its report is ever made whole."""
    def whole(*a: object, **k: object) -> None:
        raise AssertionError("the report was made whole")

    with monkeypatch.context() as m:
        m.setattr(cli_module, "_collect", whole)
        return run_cli(args)
