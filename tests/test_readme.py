"""The README's sample output is the real output (issue 16, "Stale docs")."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = re.compile(r"<!-- sample: (?P<cmd>.*?) -->\n```\w*\n(?P<body>.*?)```", re.S)


def _run(cmd: str) -> str:
    stdin = None
    if cmd.startswith("echo "):
        text, _, cmd = cmd[len("echo "):].partition(" | ")
        stdin = json.loads(text) + "\n"
    args = cmd.split()[1:]
    out = subprocess.run([sys.executable, "-m", "claimcheck", *args], input=stdin, capture_output=True,
                         text=True, cwd=ROOT)
    return out.stdout


def test_readme_samples_match_a_real_run():
    samples = list(SAMPLE.finditer((ROOT / "README.md").read_text(encoding="utf-8")))
    assert len(samples) >= 2
    for m in samples:
        real = _run(m["cmd"])
        body = m["body"]
        if "--format jsonl" in m["cmd"]:
            assert json.loads(" ".join(body.split("\n"))) == json.loads(real.splitlines()[0]), m["cmd"]
        else:
            lines = real.splitlines()
            for line in body.strip("\n").splitlines():
                assert line in lines, f"README line not in `{m['cmd']}`: {line!r}"


def test_help_shows_what_the_tool_prints():
    top = subprocess.run([sys.executable, "-m", "claimcheck", "--help"], capture_output=True,
                         text=True).stdout
    assert "120000" not in top.replace("120,000", "")
    sub = subprocess.run([sys.executable, "-m", "claimcheck", "check", "--help"], capture_output=True,
                         text=True).stdout
    assert "%%" not in sub and "SPEC §" not in sub and "10%" in sub
